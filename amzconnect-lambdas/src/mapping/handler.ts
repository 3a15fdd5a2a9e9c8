import { createLogger } from '../shared/logger';
import { readMappingConfig } from './config';
import { createMappingHandler } from './create-mapping-handler';
import { s3MappingSource } from './mapping-source';
import { createMappingS3Client } from './s3-client';

// Cold start: the location is read once; the document is fetched on the first invocation only.
const config = readMappingConfig(process.env);

/** Lambda entry point: returns the key → ARN mapping flows read as `$.External.<Key>`. */
export const handler = createMappingHandler({
  config,
  logger: createLogger(),
  fetchText: s3MappingSource(createMappingS3Client()),
});
