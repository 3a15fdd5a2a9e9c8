import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ActiveSession, START_CLAIM_STALE_MS, StoredSession } from './chat-session';

/** Name of the sessions table's index on `contactId` (sparse: only active sessions have one). */
export const CONTACT_ID_INDEX = 'contactId';

/** How long a received message id is remembered: longer than any vendor's redelivery window. */
export const MESSAGE_ID_TTL_SECONDS = 2 * 24 * 3600;

/** The sessions table, as the handlers use it. */
export interface SessionStore {
  /** Records a vendor message id; false when it was already recorded (a redelivery). */
  claimMessage(key: string, nowMs: number): Promise<boolean>;
  /** Forgets a message id, so a redelivery after a failure is processed. */
  releaseMessage(key: string): Promise<void>;
  getSession(key: string): Promise<StoredSession | undefined>;
  /** Takes the right to start the conversation's chat; false when another invocation holds it. */
  claimStart(key: string, nowMs: number): Promise<boolean>;
  /** Drops a start claim that did not lead to a chat. */
  releaseStart(key: string): Promise<void>;
  saveSession(session: ActiveSession): Promise<void>;
  /** Deletes the session if it still points at `contactId`. */
  deleteSession(key: string, contactId: string): Promise<void>;
  /** The active session of a chat contact. */
  findByContactId(contactId: string): Promise<ActiveSession | undefined>;
}

function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err as { name?: string })?.name === 'ConditionalCheckFailedException'
  );
}

/** The DynamoDB implementation: partition key `pk`, TTL attribute `expiresAt`, index on `contactId`. */
export function dynamoDbSessionStore(client: DynamoDBDocumentClient, tableName: string): SessionStore {
  const put = async (input: Omit<ConstructorParameters<typeof PutCommand>[0], 'TableName'>) => {
    try {
      await client.send(new PutCommand({ TableName: tableName, ...input }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  };
  const del = async (input: Omit<ConstructorParameters<typeof DeleteCommand>[0], 'TableName'>) => {
    try {
      await client.send(new DeleteCommand({ TableName: tableName, ...input }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  };
  return {
    claimMessage: (key, nowMs) =>
      put({
        Item: { pk: key, kind: 'message', expiresAt: Math.floor(nowMs / 1000) + MESSAGE_ID_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    releaseMessage: (key) => del({ Key: { pk: key } }),
    getSession: async (key) => {
      const out = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: key }, ConsistentRead: true }),
      );
      return out.Item ? sessionFromItem(out.Item) : undefined;
    },
    claimStart: (key, nowMs) =>
      put({
        Item: {
          pk: key,
          kind: 'session',
          state: 'starting',
          claimedAt: nowMs,
          expiresAt: Math.floor(nowMs / 1000) + 3600,
        },
        // Free (an ended chat's session is deleted before this), an abandoned claim, or a session
        // past its chat's duration that TTL has not removed yet (TTL deletes within days, not at once).
        ConditionExpression:
          'attribute_not_exists(pk) OR (#state = :starting AND claimedAt < :stale) OR (#state = :active AND expiresAt <= :nowSeconds)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':starting': 'starting',
          ':active': 'active',
          ':stale': nowMs - START_CLAIM_STALE_MS,
          ':nowSeconds': Math.floor(nowMs / 1000),
        },
      }),
    releaseStart: (key) =>
      del({
        Key: { pk: key },
        ConditionExpression: '#state = :starting',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':starting': 'starting' },
      }),
    saveSession: async ({ key, ...rest }) => {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { pk: key, kind: 'session', ...rest } }),
      );
    },
    deleteSession: (key, contactId) =>
      del({
        Key: { pk: key },
        ConditionExpression: 'contactId = :contactId',
        ExpressionAttributeValues: { ':contactId': contactId },
      }),
    findByContactId: async (contactId) => {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: CONTACT_ID_INDEX,
          KeyConditionExpression: 'contactId = :contactId',
          ExpressionAttributeValues: { ':contactId': contactId },
        }),
      );
      const found = (out.Items ?? []).map(sessionFromItem).find((s) => s?.state === 'active');
      return found as ActiveSession | undefined;
    },
  };
}

/** Reads a stored item; anything not shaped like a session is treated as absent. */
export function sessionFromItem(item: Record<string, unknown>): StoredSession | undefined {
  const str = (k: string) => (typeof item[k] === 'string' ? (item[k] as string) : '');
  if (item.state === 'starting' && typeof item.claimedAt === 'number')
    return { state: 'starting', key: str('pk'), claimedAt: item.claimedAt };
  if (item.state !== 'active' || (item.channel !== 'sms' && item.channel !== 'facebook')) return undefined;
  if (!str('contactId') || !str('connectionToken') || typeof item.expiresAt !== 'number') return undefined;
  return {
    state: 'active',
    key: str('pk'),
    channel: item.channel,
    customerId: str('customerId'),
    businessId: str('businessId'),
    contactId: str('contactId'),
    connectionToken: str('connectionToken'),
    streamingId: str('streamingId'),
    startedAt: str('startedAt'),
    expiresAt: item.expiresAt,
  };
}
