import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { emptyQueueState, QueueState } from './queue-state';

/** Another writer changed the environment's record since it was read; read again and decide again. */
export class QueueConflictError extends Error {
  constructor(env: string, version: number) {
    super(`The release queue of ${env} changed since version ${version} was read.`);
    this.name = 'QueueConflictError';
  }
}

/** Where the release queues live: one record per environment. */
export interface QueueStore {
  /** The environment's state, or the empty state when it has never been released. */
  load(env: string): Promise<QueueState>;
  /**
   * Writes `next` (with `version` = previous + 1) only if the stored version is still `previous`.
   * @throws QueueConflictError when another writer got there first
   */
  save(next: QueueState, previousVersion: number): Promise<QueueState>;
  /** Every environment's state (a handful of items: one per environment). */
  list(): Promise<QueueState[]>;
}

/** Attribute names of a queue record. */
const KEY = 'env';

/**
 * DynamoDB store: item `{ env, version, state }` with the state as JSON. Each write is a PutItem
 * conditioned on the version read (optimistic locking; DynamoDB Developer Guide, "Condition
 * expressions": a failed condition throws ConditionalCheckFailedException and writes nothing),
 * so two routers and the queue function never overwrite each other's decision.
 */
export function createDynamoDbQueueStore(client: DynamoDBClient, tableName: string): QueueStore {
  const parse = (item: Record<string, { S?: string; N?: string }>): QueueState => {
    const state = JSON.parse(item.state.S ?? '{}') as QueueState;
    return { ...state, version: Number(item.version.N ?? '0') };
  };
  return {
    load: async (env) => {
      const out = await client.send(
        new GetItemCommand({ TableName: tableName, Key: { [KEY]: { S: env } }, ConsistentRead: true }),
      );
      return out.Item ? parse(out.Item as Record<string, { S?: string; N?: string }>) : emptyQueueState(env);
    },
    save: async (next, previousVersion) => {
      const version = previousVersion + 1;
      const stored: QueueState = { ...next, version };
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              [KEY]: { S: next.env },
              version: { N: String(version) },
              state: { S: JSON.stringify(stored) },
            },
            ConditionExpression:
              previousVersion === 0 ? 'attribute_not_exists(#env)' : '#version = :previous',
            ExpressionAttributeNames: previousVersion === 0 ? { '#env': KEY } : { '#version': 'version' },
            ...(previousVersion === 0
              ? {}
              : { ExpressionAttributeValues: { ':previous': { N: String(previousVersion) } } }),
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException)
          throw new QueueConflictError(next.env, previousVersion);
        throw err;
      }
      return stored;
    },
    list: async () => {
      const states: QueueState[] = [];
      let start: Record<string, never> | undefined;
      do {
        const out = await client.send(
          new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        for (const item of out.Items ?? [])
          states.push(parse(item as Record<string, { S?: string; N?: string }>));
        start = out.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start);
      return states;
    },
  };
}

/** In-memory store with the same conditional semantics (dry runs, the CLI). */
export function createMemoryQueueStore(initial: readonly QueueState[] = []): QueueStore {
  const items = new Map(initial.map((s) => [s.env, s]));
  return {
    load: async (env) => items.get(env) ?? emptyQueueState(env),
    save: async (next, previousVersion) => {
      const current = items.get(next.env)?.version ?? 0;
      if (current !== previousVersion) throw new QueueConflictError(next.env, previousVersion);
      const stored = { ...next, version: previousVersion + 1 };
      items.set(next.env, stored);
      return stored;
    },
    list: async () => [...items.values()],
  };
}
