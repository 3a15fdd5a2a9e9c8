import { createHash } from 'crypto';
import type { StartTaskContactCommandInput } from '@aws-sdk/client-connect';
import { CaseRecord } from './case-record';
import { MailInsights } from './mail-insights';

/**
 * Where the task flow routes the task: contact attributes `TargetType` / `TargetDestination`, and
 * the same values under the reference solution's names `target_type` / `target_destination`
 * (its email-Inbound flow routes on them), so flows written for the reference keep working.
 */
export type TaskTarget =
  | { readonly type: 'AGENT'; readonly destination: string }
  | { readonly type: 'QUEUE'; readonly destination: string }
  | { readonly type: 'DEFAULT'; readonly destination: '' };

/**
 * Routing for a case's next task: back to the agent who handled it while it is open, else the
 * queue it was last accepted from, else the flow's default queue. Pure.
 */
export function decideTaskTarget(existing: CaseRecord | undefined): TaskTarget {
  if (existing?.status === 'OPEN' && existing.agent?.arn)
    return { type: 'AGENT', destination: existing.agent.arn };
  if (existing?.queue?.arn) return { type: 'QUEUE', destination: existing.queue.arn };
  return { type: 'DEFAULT', destination: '' };
}

/** Connect's limits on a task. */
const NAME_MAX = 512;
const DESCRIPTION_MAX = 4096;
const ATTRIBUTE_MAX = 1024;

/** Everything a task for one case's mail carries. */
export interface TaskRequestInput {
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly caseId: string;
  readonly customerAddress: string;
  readonly customerName: string;
  readonly subject: string;
  readonly body: string;
  readonly insights: MailInsights;
  readonly target: TaskTarget;
  readonly originalKey: string;
  readonly formattedKey: string;
  readonly attachmentCount: number;
  /** The object the task is for; its hash is the idempotency token, so a retry starts no second task. */
  readonly sourceKey: string;
  /** Why the task was started. @default 'INBOUND' */
  readonly reason?: 'INBOUND' | 'REQUEUED';
}

/** The `StartTaskContact` request (pure). */
export function buildTaskRequest(input: TaskRequestInput): StartTaskContactCommandInput {
  const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
  const { insights } = input;
  return {
    InstanceId: input.instanceId,
    ContactFlowId: input.contactFlowId,
    Name: cut(`Email: ${input.subject || '(no subject)'}`, NAME_MAX),
    Description: cut(input.body || '(empty message)', DESCRIPTION_MAX),
    ClientToken: createHash('sha256')
      .update(`${input.reason ?? 'INBOUND'}:${input.sourceKey}`)
      .digest('hex'),
    // Only the customer's address: the original mail's reference is a link the flows' generate-URL
    // function sets and refreshes (an s3:// string is nothing an agent can open, and every
    // reference counts against the contact's 4,096 bytes of references).
    References: { Customer: { Type: 'EMAIL', Value: input.customerAddress } },
    Attributes: {
      CaseId: input.caseId,
      CustomerAddress: input.customerAddress,
      CustomerName: cut(input.customerName, ATTRIBUTE_MAX),
      Subject: cut(input.subject, ATTRIBUTE_MAX),
      TargetType: input.target.type,
      TargetDestination: input.target.destination,
      target_type: input.target.type,
      target_destination: input.target.destination,
      FormattedKey: input.formattedKey,
      OriginalKey: input.originalKey,
      AttachmentCount: String(input.attachmentCount),
      Reason: input.reason ?? 'INBOUND',
      Language: insights.language?.code ?? '',
      Sentiment: insights.sentiment?.label ?? '',
      Entities: cut(
        (insights.entities ?? [])
          .filter((e) => e.score >= 0.8)
          .map((e) => `${e.type}:${e.text}`)
          .join('; '),
        ATTRIBUTE_MAX,
      ),
    },
  };
}
