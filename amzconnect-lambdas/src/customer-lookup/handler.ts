import { createLogger } from '../shared/logger';
import { readCustomerLookupConfig } from './config';
import { createCustomerLookupHandler } from './create-customer-lookup-handler';
import { dynamoDbCustomerReader, dynamoDbCustomerStore } from './customer-store';
import { createCustomerTableClient } from './dynamodb-client';

// Cold start: configuration, client and logger are created once and reused while warm.
const config = readCustomerLookupConfig(process.env);
const logger = createLogger();

/** Lambda entry point: the customer lookup contact flows invoke. */
export const handler = createCustomerLookupHandler({
  config,
  logger,
  findAndRecordCall: config.ok
    ? (config.config.recordCalls ? dynamoDbCustomerStore : dynamoDbCustomerReader)(
        createCustomerTableClient({ requestTimeoutMs: config.config.timeoutMs }),
        config.config.tableName,
      )
    : undefined,
});
