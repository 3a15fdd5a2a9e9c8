import { createLogger } from '../../shared/logger';
import { dynamoCaseStore } from '../shared/case-store';
import { createCaseDocumentClient } from '../shared/channel-clients';
import { readChannelConfig } from '../shared/channel-config';
import { createWhisperHandler } from './create-whisper-handler';

// Cold start: configuration and client once.
const read = readChannelConfig(process.env, ['caseTable']);

/** Lambda entry point: invoked by the email agent whisper flow. */
export const handler = createWhisperHandler({
  cases: read.ok
    ? dynamoCaseStore(createCaseDocumentClient(), read.config.caseTable)
    : { problem: read.problem },
  logger: createLogger(),
});
