import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * Most quick connects one `AssociateQueueQuickConnects` or `DisassociateQueueQuickConnects` call
 * takes: `QuickConnectIds` has 1 to 50 members (Amazon Connect API reference,
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_AssociateQueueQuickConnects.html and
 * API_DisassociateQueueQuickConnects.html, "Array Members").
 */
export const QUICK_CONNECTS_PER_CALL = 50;

/** One queue and the quick connects its agents see (`Associations` of `Custom::QueueQuickConnects`). */
export interface QueueQuickConnectsAssociation {
  /** ARN of the queue agents transfer from. */
  readonly QueueArn: string;
  /** ARNs of the quick connects to show for contacts of that queue. */
  readonly QuickConnectArns: readonly string[];
}

/** A parsed `Custom::QueueQuickConnects` request. */
export interface QueueQuickConnectsRequest {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly physicalResourceId: string;
  /** What the resource asks for now (for a Delete: what it asked for until now). */
  readonly associations: readonly QueueQuickConnectsAssociation[];
  /** What the resource asked for before an Update. @default none */
  readonly previous: readonly QueueQuickConnectsAssociation[];
}

/** One call to make, in order. */
export interface QueueQuickConnectsCall {
  readonly operation: 'associate' | 'disassociate';
  readonly instanceId: string;
  readonly queueId: string;
  /** 1 to {@link QUICK_CONNECTS_PER_CALL} ids. */
  readonly quickConnectIds: readonly string[];
}

/** A property of the request is not what the contact-flows stack writes. */
export class QueueQuickConnectsRequestError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Custom::QueueQuickConnects has invalid properties:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'QueueQuickConnectsRequestError';
  }
}

/**
 * `arn:<partition>:connect:<region>:<account>:instance/<instanceId>/<kind>/<id>`: the ARN formats
 * of the `queue` and `quick-connect` (`transfer-destination`) resource types in the Service
 * Authorization Reference (Amazon Connect, "Resource types defined by Amazon Connect").
 */
const CONNECT_ARN =
  /^arn:[a-z-]+:connect:[a-z0-9-]+:\d{12}:instance\/([^/]+)\/(queue|transfer-destination)\/([^/]+)$/;

interface ParsedArn {
  readonly instanceId: string;
  readonly id: string;
}

function parseArn(
  arn: unknown,
  kind: 'queue' | 'transfer-destination',
  field: string,
  problems: string[],
): ParsedArn | undefined {
  const m = typeof arn === 'string' ? CONNECT_ARN.exec(arn) : null;
  if (!m || m[2] !== kind) {
    problems.push(`${field}: ${JSON.stringify(arn)} is not an Amazon Connect ${kind} ARN.`);
    return undefined;
  }
  return { instanceId: m[1], id: m[3] };
}

function parseAssociations(
  value: unknown,
  field: string,
  problems: string[],
): QueueQuickConnectsAssociation[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${field}: must be a list of { QueueArn, QuickConnectArns }.`);
    return [];
  }
  return value.flatMap((item: unknown, i) => {
    const at = `${field}[${i}]`;
    const a = (item ?? {}) as Record<string, unknown>;
    const queue = parseArn(a.QueueArn, 'queue', `${at}.QueueArn`, problems);
    if (!Array.isArray(a.QuickConnectArns)) {
      problems.push(`${at}.QuickConnectArns: must be a list of quick connect ARNs.`);
      return [];
    }
    a.QuickConnectArns.forEach((arn: unknown, j) => {
      const qc = parseArn(arn, 'transfer-destination', `${at}.QuickConnectArns[${j}]`, problems);
      if (qc && queue && qc.instanceId !== queue.instanceId)
        problems.push(`${at}.QuickConnectArns[${j}]: belongs to another instance than its queue.`);
    });
    return queue
      ? [{ QueueArn: a.QueueArn as string, QuickConnectArns: a.QuickConnectArns as string[] }]
      : [];
  });
}

/**
 * Parses a CloudFormation custom resource event for `Custom::QueueQuickConnects`.
 * @throws QueueQuickConnectsRequestError naming every malformed property
 */
export function parseQueueQuickConnectsRequest(
  event: CloudFormationCustomResourceEvent,
): QueueQuickConnectsRequest {
  const problems: string[] = [];
  const props = (event.ResourceProperties ?? {}) as Record<string, unknown>;
  const associations = parseAssociations(props.Associations, 'Associations', problems);
  const previous =
    event.RequestType === 'Update'
      ? parseAssociations(
          (event.OldResourceProperties as Record<string, unknown>).Associations,
          'OldResourceProperties.Associations',
          problems,
        )
      : [];
  if (problems.length > 0) throw new QueueQuickConnectsRequestError(problems);
  return {
    requestType: event.RequestType,
    // Stable across updates: a new physical id would make CloudFormation delete the "old" one,
    // disassociating what the update just kept.
    physicalResourceId:
      event.RequestType === 'Create'
        ? `${event.LogicalResourceId}-${event.RequestId}`
        : event.PhysicalResourceId,
    associations,
    previous,
  };
}

/** `(queue ARN, quick connect ARN)` pairs, one key per pair. */
function pairs(associations: readonly QueueQuickConnectsAssociation[]): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const a of associations)
    for (const qc of a.QuickConnectArns) out.set(`${a.QueueArn} ${qc}`, [a.QueueArn, qc]);
  return out;
}

/** Calls for `pairs`, grouped by queue (in first-seen order) and chunked. */
function callsFor(operation: QueueQuickConnectsCall['operation'], list: readonly [string, string][]) {
  const byQueue = new Map<string, string[]>();
  for (const [queue, qc] of list) byQueue.set(queue, [...(byQueue.get(queue) ?? []), qc]);
  const calls: QueueQuickConnectsCall[] = [];
  for (const [queueArn, qcs] of byQueue) {
    const queue = CONNECT_ARN.exec(queueArn) as RegExpExecArray;
    const ids = qcs.map((arn) => (CONNECT_ARN.exec(arn) as RegExpExecArray)[3]);
    for (let i = 0; i < ids.length; i += QUICK_CONNECTS_PER_CALL) {
      calls.push({
        operation,
        instanceId: queue[1],
        queueId: queue[3],
        quickConnectIds: ids.slice(i, i + QUICK_CONNECTS_PER_CALL),
      });
    }
  }
  return calls;
}

/**
 * Decides the calls (pure). Create associates every pair; Delete disassociates every pair; Update
 * first disassociates the pairs no longer asked for (while their quick connects still exist:
 * CloudFormation deletes removed resources only after the update), then associates the new ones,
 * leaving pairs present before and after untouched.
 */
export function planQueueQuickConnects(
  request: QueueQuickConnectsRequest,
): readonly QueueQuickConnectsCall[] {
  const now = pairs(request.associations);
  if (request.requestType === 'Create') return callsFor('associate', [...now.values()]);
  if (request.requestType === 'Delete') return callsFor('disassociate', [...now.values()]);
  const before = pairs(request.previous);
  return [
    ...callsFor(
      'disassociate',
      [...before].filter(([k]) => !now.has(k)).map(([, v]) => v),
    ),
    ...callsFor(
      'associate',
      [...now].filter(([k]) => !before.has(k)).map(([, v]) => v),
    ),
  ];
}
