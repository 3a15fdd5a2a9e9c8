import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CaseEvent, CaseRecord, StoredMailRef } from './case-record';

/** The customer side of an inbound mail. */
export interface InboundRecord {
  readonly customerAddress: string;
  readonly customerName: string;
  readonly mail: StoredMailRef;
  /** Bucket key SES wrote the mail to: recorded once, so a retried delivery adds no event. */
  readonly sourceKey: string;
  readonly at: string;
}

/** The interaction table, as the functions use it. */
export interface CaseStore {
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Creates the case or adds the mail to it, reopening it; `false` when the mail was already recorded. */
  recordInbound(caseId: string, inbound: InboundRecord): Promise<boolean>;
  /** Records the task started for a mail (once per contact id). */
  recordTaskStarted(caseId: string, contactId: string, event: CaseEvent): Promise<void>;
  /** Records the agent and queue that accepted a task; `false` when the case does not exist. */
  recordAssignment(
    caseId: string,
    agent: { arn: string; userName: string },
    queue: { arn: string; name: string },
    event: CaseEvent,
  ): Promise<boolean>;
  /**
   * Appends an agent action (reply, requeue, reject) once per relay mail (`sourceKey`);
   * `close` marks the case closed, `releaseAgent` forgets the agent. `false` when already recorded.
   */
  recordAgentAction(
    caseId: string,
    event: CaseEvent,
    sourceKey: string,
    options?: { close?: boolean; releaseAgent?: boolean; releaseQueue?: boolean },
  ): Promise<boolean>;
}

/** The store on a DynamoDB table keyed by `caseId` (string). */
export function dynamoCaseStore(doc: DynamoDBDocumentClient, table: string): CaseStore {
  const conditional = async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (err) {
      if (
        err instanceof ConditionalCheckFailedException ||
        (err as Error).name === 'ConditionalCheckFailedException'
      )
        return false;
      throw err;
    }
  };
  return {
    async get(caseId) {
      const out = await doc.send(new GetCommand({ TableName: table, Key: { caseId }, ConsistentRead: true }));
      return out.Item as CaseRecord | undefined;
    },
    recordInbound: (caseId, r) =>
      conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { caseId },
            UpdateExpression:
              'SET customerAddress = if_not_exists(customerAddress, :address), customerName = if_not_exists(customerName, :name), ' +
              'subject = if_not_exists(subject, :subject), createdAt = if_not_exists(createdAt, :at), updatedAt = :at, ' +
              '#status = :open, latestInbound = :mail, history = list_append(if_not_exists(history, :empty), :event) ' +
              'ADD processedMails :source',
            ConditionExpression:
              'attribute_not_exists(processedMails) OR NOT contains(processedMails, :sourceKey)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':address': r.customerAddress,
              ':name': r.customerName,
              ':subject': r.mail.subject,
              ':at': r.at,
              ':open': 'OPEN',
              ':mail': r.mail,
              ':empty': [],
              ':event': [
                {
                  at: r.at,
                  type: 'INBOUND',
                  from: r.customerAddress,
                  subject: r.mail.subject,
                  originalKey: r.mail.originalKey,
                },
              ],
              ':source': new Set([r.sourceKey]),
              ':sourceKey': r.sourceKey,
            },
          }),
        ),
      ),
    async recordTaskStarted(caseId, contactId, event) {
      await conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { caseId },
            UpdateExpression:
              'SET lastContactId = :id, updatedAt = :at, history = list_append(history, :event)',
            ConditionExpression:
              'attribute_exists(caseId) AND (attribute_not_exists(lastContactId) OR lastContactId <> :id)',
            ExpressionAttributeValues: { ':id': contactId, ':at': event.at, ':event': [event] },
          }),
        ),
      );
    },
    recordAssignment: (caseId, agent, queue, event) =>
      conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { caseId },
            UpdateExpression:
              'SET #agent = :agent, #queue = :queue, updatedAt = :at, history = list_append(history, :event)',
            ConditionExpression: 'attribute_exists(caseId)',
            ExpressionAttributeNames: { '#agent': 'agent', '#queue': 'queue' },
            ExpressionAttributeValues: {
              ':agent': agent,
              ':queue': queue,
              ':at': event.at,
              ':event': [event],
            },
          }),
        ),
      ),
    recordAgentAction: (caseId, event, sourceKey, options = {}) => {
      const set = ['updatedAt = :at', 'history = list_append(history, :event)'];
      const values: Record<string, unknown> = {
        ':at': event.at,
        ':event': [event],
        ':source': new Set([sourceKey]),
        ':sourceKey': sourceKey,
      };
      const names: Record<string, string> = {};
      if (options.close) {
        set.push('#status = :closed');
        values[':closed'] = 'CLOSED';
        names['#status'] = 'status';
      }
      const released: string[] = [];
      if (options.releaseAgent) {
        names['#agent'] = 'agent';
        released.push('#agent');
      }
      if (options.releaseQueue) {
        names['#queue'] = 'queue';
        released.push('#queue');
      }
      const remove = released.length > 0 ? ` REMOVE ${released.join(', ')}` : '';
      return conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { caseId },
            UpdateExpression: `SET ${set.join(', ')} ADD processedMails :source${remove}`,
            ConditionExpression:
              'attribute_exists(caseId) AND (attribute_not_exists(processedMails) OR NOT contains(processedMails, :sourceKey))',
            ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
            ExpressionAttributeValues: values,
          }),
        ),
      );
    },
  };
}
