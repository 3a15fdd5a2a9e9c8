import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { customerFromItem, LookupOutcome } from './lookup-answer';

/** Looks a caller up and records the call, within `signal`. */
export type FindAndRecordCall = (
  phoneNumber: string,
  calledAt: Date,
  signal: AbortSignal,
) => Promise<LookupOutcome>;

/**
 * One conditional `UpdateItem` both looks the customer up and records the call: it sets
 * `lastCalledDate` only if the item exists and returns the item as it was (`ALL_OLD`), so the
 * answer carries the *previous* call date. Unknown callers fail the condition and are not created.
 * One round trip instead of GetItem + UpdateItem halves the time a caller waits.
 */
export function dynamoDbCustomerStore(client: DynamoDBDocumentClient, tableName: string): FindAndRecordCall {
  return async (phoneNumber, calledAt, signal) => {
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { phoneNumber },
          UpdateExpression: 'SET lastCalledDate = :calledAt',
          ConditionExpression: 'attribute_exists(phoneNumber)',
          ExpressionAttributeValues: { ':calledAt': calledAt.toISOString() },
          ReturnValues: 'ALL_OLD',
        }),
        { abortSignal: signal },
      );
      return { kind: 'found', customer: customerFromItem(result.Attributes ?? {}) };
    } catch (err) {
      return outcomeOfError(err, signal);
    }
  };
}

/**
 * The reference solution's lookup: one `GetItem` by phone number, nothing written. The answer
 * carries the `lastCalledDate` the table holds.
 */
export function dynamoDbCustomerReader(client: DynamoDBDocumentClient, tableName: string): FindAndRecordCall {
  return async (phoneNumber, _calledAt, signal) => {
    try {
      const result = await client.send(new GetCommand({ TableName: tableName, Key: { phoneNumber } }), {
        abortSignal: signal,
      });
      return result.Item ? { kind: 'found', customer: customerFromItem(result.Item) } : { kind: 'not-found' };
    } catch (err) {
      return outcomeOfError(err, signal);
    }
  };
}

/** Classifies a failed call: unknown caller, too slow, or broken. */
export function outcomeOfError(err: unknown, signal: AbortSignal): LookupOutcome {
  if (
    err instanceof ConditionalCheckFailedException ||
    (err as { name?: string })?.name === 'ConditionalCheckFailedException'
  ) {
    return { kind: 'not-found' };
  }
  const name = (err as { name?: string })?.name ?? 'Error';
  if (signal.aborted || name === 'AbortError' || name === 'TimeoutError') return { kind: 'timed-out' };
  return { kind: 'failed', errorName: name };
}
