import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createLogger } from '../../shared/logger';
import { createConnectClient, createMailS3Client } from '../shared/channel-clients';
import { readChannelConfig } from '../shared/channel-config';
import { connectOriginalMailReference } from '../shared/mail-references';
import { createGenerateUrlHandler } from './create-generate-url-handler';

// Cold start: configuration and clients once. Presigning is local (no network call); the task's
// reference is set with one Connect call.
const read = readChannelConfig(process.env, ['mailBucket', 'connectInstanceArn']);
const s3 = createMailS3Client();
const updateReference = connectOriginalMailReference(
  createConnectClient(),
  read.ok ? read.config.connectInstanceArn : '',
);

/** Lambda entry point: invoked by the email flows (inbound, customer queue, queue transfer). */
export const handler = createGenerateUrlHandler({
  lifetime: read.ok
    ? { ok: true, seconds: read.config.urlLifetimeSeconds }
    : { ok: false, problem: read.problem },
  presign: (key, expiresIn, downloadName) =>
    getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: read.ok ? read.config.mailBucket : '',
        Key: key,
        ResponseContentDisposition: downloadName ? `attachment; filename="${downloadName}"` : undefined,
      }),
      { expiresIn },
    ),
  updateReference,
  logger: createLogger(),
});
