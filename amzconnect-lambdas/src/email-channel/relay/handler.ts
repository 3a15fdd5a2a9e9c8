import { createLogger } from '../../shared/logger';
import { dynamoCaseStore } from '../shared/case-store';
import { createCaseDocumentClient, createMailS3Client, createSesClient } from '../shared/channel-clients';
import { readChannelConfig } from '../shared/channel-config';
import { s3MailStore } from '../shared/mail-store';
import { sesReplySender } from '../shared/reply-sender';
import { createRelayHandler } from './create-relay-handler';

// Cold start: configuration read once; a missing variable fails every invocation loudly.
const read = readChannelConfig(process.env, [
  'mailBucket',
  'caseTable',
  'domain',
  'inquiryAddress',
  'disclaimer',
  'relaySenders',
]);
if (!read.ok) throw new Error(`email-relay: ${read.problem}`);
const { config } = read;

/** Lambda entry point: S3 `ObjectCreated` notifications for `relay/`. */
export const handler = createRelayHandler({
  config,
  mail: s3MailStore(createMailS3Client(), config.mailBucket),
  cases: dynamoCaseStore(createCaseDocumentClient(), config.caseTable),
  sendReply: sesReplySender(createSesClient()),
  logger: createLogger(),
});
