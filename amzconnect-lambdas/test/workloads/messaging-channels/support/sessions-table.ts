import { CONTACT_ID_INDEX } from '../../../../src/messaging-channels/session-store';
import { LocalTable, startDynaliteTable } from '../../../support/dynalite-table';

/** A dynalite server with the sessions table keyed and indexed like the one `MessagingChannels` creates. */
export type LocalSessionsTable = LocalTable;

export function startSessionsTable(tableName = 'sessions'): Promise<LocalSessionsTable> {
  return startDynaliteTable(tableName, {
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'contactId', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: CONTACT_ID_INDEX,
        KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
}
