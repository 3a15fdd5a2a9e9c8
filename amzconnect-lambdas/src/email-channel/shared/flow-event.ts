/** What the channel's flow functions read from an Amazon Connect Lambda event. */
export interface FlowEvent {
  readonly contactId: string;
  /** Contact attributes (`Details.ContactData.Attributes`), string values only. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Function input parameters set in the flow block (`Details.Parameters`), string values only. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The contact's queue (`Details.ContactData.Queue`), when it has one. */
  readonly queue?: { readonly arn: string; readonly name: string };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Parses a Connect event; `undefined` when it is not one (no `Details.ContactData.ContactId`). Pure. */
export function parseFlowEvent(event: unknown): FlowEvent | undefined {
  const details = isRecord(event) ? event.Details : undefined;
  const data = isRecord(details) ? details.ContactData : undefined;
  if (!isRecord(data) || typeof data.ContactId !== 'string' || data.ContactId === '') return undefined;
  const q = isRecord(data.Queue) ? data.Queue : undefined;
  return {
    contactId: data.ContactId,
    attributes: strings(data.Attributes),
    parameters: strings(isRecord(details) ? details.Parameters : undefined),
    ...(q && typeof q.ARN === 'string'
      ? { queue: { arn: q.ARN, name: typeof q.Name === 'string' ? q.Name : '' } }
      : {}),
  };
}
