import { FlowContent } from '../model/flow-document';

type Json = Record<string, unknown>;

/**
 * Names the flow designer left in the flow's metadata for the ARNs it uses, e.g.
 * `"queue": { "id": "arn:...:queue/...", "text": "BasicQueue" }`,
 * `"parameters": { "QueueId": { "displayName": "BasicQueue" } }` next to `"QueueId": "arn:..."`,
 * or `"lexV2BotName"` next to a Lex V2 alias ARN. Returns ARN → name.
 */
export function harvestMetadataNames(content: FlowContent): Map<string, string> {
  const names = new Map<string, string>();
  const add = (arn: unknown, name: unknown): void => {
    if (typeof arn === 'string' && arn.startsWith('arn:') && typeof name === 'string' && name.trim() !== '') {
      if (!names.has(arn)) names.set(arn, name.trim());
    }
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      add(v.id ?? v.arn, v.text ?? v.name ?? v.displayName);
      Object.values(v).forEach(visit);
    }
  };
  visit(content.Metadata);

  const actionMetadata =
    isObject(content.Metadata) && isObject(content.Metadata.ActionMetadata)
      ? content.Metadata.ActionMetadata
      : {};
  for (const action of content.Actions) {
    const meta = actionMetadata[action.Identifier];
    if (!isObject(meta)) continue;
    parallel(action.Parameters, meta.parameters, add);
    const lex = action.Parameters?.LexV2Bot;
    if (isObject(lex)) add(lex.AliasArn, meta.lexV2BotName);
  }
  return names;
}

/** Walks parameters and their metadata side by side: `displayName` next to an ARN names it. */
function parallel(params: unknown, meta: unknown, add: (arn: unknown, name: unknown) => void): void {
  if (!isObject(params) || !isObject(meta)) return;
  for (const [key, value] of Object.entries(params)) {
    const m = meta[key];
    if (typeof value === 'string' && isObject(m)) add(value, m.displayName);
    else parallel(value, m, add);
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
