import * as http from 'http';
import { AddressInfo } from 'net';
import {
  CreateTableCommand,
  CreateTableCommandInput,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => http.Server;

/** A local DynamoDB (dynalite, in memory) on 127.0.0.1 with one table created. */
export interface LocalTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

/** The customer table of the customer-lookup hook. */
export type LocalCustomerTable = LocalTable;

/** Credentials and Region the SDK needs to sign requests; dynalite does not check them. */
export const LOCAL_CLIENT_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** Starts dynalite on port 0 and creates `table` (its definition without `TableName`). */
export async function startDynaliteTable(
  tableName: string,
  table: Omit<CreateTableCommandInput, 'TableName'>,
): Promise<LocalTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint });
  await client.send(new CreateTableCommand({ ...table, TableName: tableName }));
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 } as never, {
    TableName: tableName,
  });
  return {
    endpoint,
    tableName,
    client,
    close: async () => {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts dynalite with a table keyed like the supporting-infra one (`phoneNumber`, S). */
export function startCustomerTable(tableName = 'customers'): Promise<LocalCustomerTable> {
  return startDynaliteTable(tableName, {
    AttributeDefinitions: [{ AttributeName: 'phoneNumber', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'phoneNumber', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}
