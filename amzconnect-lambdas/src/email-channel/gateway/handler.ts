import { createLogger } from '../../shared/logger';
import {
  createCaseDocumentClient,
  createComprehendClient,
  createConnectClient,
  createMailS3Client,
} from '../shared/channel-clients';
import { dynamoCaseStore } from '../shared/case-store';
import { readChannelConfig } from '../shared/channel-config';
import { comprehendInsights } from '../shared/mail-insights';
import { s3MailStore } from '../shared/mail-store';
import { connectTaskStarter } from '../shared/task-starter';
import { createGatewayHandler } from './create-gateway-handler';

// Cold start: configuration read once; a missing variable fails every invocation loudly.
const read = readChannelConfig(process.env, [
  'mailBucket',
  'caseTable',
  'domain',
  'inquiryAddress',
  'connectInstanceArn',
  'taskFlowName',
]);
if (!read.ok) throw new Error(`email-gateway: ${read.problem}`);
const { config } = read;

/** Lambda entry point: S3 `ObjectCreated` notifications for `inbound/`. */
export const handler = createGatewayHandler({
  config,
  mail: s3MailStore(createMailS3Client(), config.mailBucket),
  cases: dynamoCaseStore(createCaseDocumentClient(), config.caseTable),
  detect: comprehendInsights(createComprehendClient()),
  startTask: connectTaskStarter(createConnectClient(), config.connectInstanceArn, config.taskFlowName),
  logger: createLogger(),
});
