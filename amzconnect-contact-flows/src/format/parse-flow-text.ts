import * as path from 'path';
import { ACTION_FLOW_TYPES } from '../model/action-flow-types';
import { CONTACT_FLOW_TYPES, FlowContent, FlowDocument, FlowFileType } from '../model/flow-document';
import { FlowFileShape } from './flow-file-shape';
import { FlowFormatError } from './flow-format-error';
import { isLegacyExport, LEGACY_EXPORT_MESSAGE } from './legacy-export';
import { locateJsonError } from './locate-json-error';

/** A flow file read into our document, or the reason it cannot be. */
export type ParseFlowResult =
  | {
      readonly ok: true;
      readonly document: FlowDocument;
      /** Which shape the file had. */
      readonly shape: FlowFileShape;
      /** What had to be inferred (type, name), for the user to check. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly error: FlowFormatError };

type Json = Record<string, unknown>;

const REPO_FIELDS = ['name', 'type', 'description', 'content'];

/** Flow designer metadata `type` values and the API's contact flow types. */
const DESIGNER_TYPES: Readonly<Record<string, FlowFileType>> = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  customerHold: 'CUSTOMER_HOLD',
  customerWhisper: 'CUSTOMER_WHISPER',
  agentHold: 'AGENT_HOLD',
  agentWhisper: 'AGENT_WHISPER',
  outboundWhisper: 'OUTBOUND_WHISPER',
  agentTransfer: 'AGENT_TRANSFER',
  queueTransfer: 'QUEUE_TRANSFER',
  campaign: 'CAMPAIGN',
  contactFlowModule: 'MODULE',
};

/**
 * Parses the text of a flow file in any shape the tooling reads (see {@link FlowFileShape}) into
 * our document. Legacy console exports are reported, never parsed half-way.
 * @param text the file's text (a UTF-8 BOM and CRLF line ends are fine)
 * @param filePath how to name the file in messages; its base name is the flow's name when the
 *   file is bare flow language without a name in its metadata
 */
export function parseFlowText(text: string, filePath: string): ParseFlowResult {
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok)
    return fail('invalid-json', filePath, [`not valid JSON (${parsed.message}); fix the syntax`]);
  const value = parsed.value;
  if (!isObject(value)) {
    return fail('unknown-shape', filePath, [`top level is ${describe(value)}; ${SHAPES_HINT}`]);
  }
  if (isLegacyExport(value)) return fail('legacy-export', filePath, [LEGACY_EXPORT_MESSAGE]);

  if ('content' in value && ('name' in value || 'type' in value)) {
    if (isObject(value.content) && isLegacyExport(value.content))
      return fail('legacy-export', filePath, [LEGACY_EXPORT_MESSAGE]);
    return parseRepoShape(value, filePath);
  }
  if (isObject(value.ContactFlow)) return parseApiShape(value.ContactFlow, filePath, 'cli', false);
  if (isObject(value.ContactFlowModule)) return parseApiShape(value.ContactFlowModule, filePath, 'cli', true);
  if ('Content' in value) return parseApiShape(value, filePath, 'api', false);
  if ('Actions' in value) return parseContentShape(value, filePath);
  return fail('unknown-shape', filePath, [`not a flow: ${SHAPES_HINT}`]);
}

const SHAPES_HINT =
  'expected our format { "name", "type", "content" }, the API\'s { "Name", "Type", "Content" }, ' +
  'the CLI\'s { "ContactFlow": { ... } } or the flow language { "Version", "StartAction", "Actions" }';

function parseRepoShape(value: Json, filePath: string): ParseFlowResult {
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!REPO_FIELDS.includes(key))
      problems.push(`unknown field "${key}" (allowed: ${REPO_FIELDS.join(', ')})`);
  }
  const name = value.name;
  if (typeof name !== 'string' || name.trim() === '') problems.push('"name" must be a non-empty string');
  const type = value.type;
  if (!isFlowFileType(type)) {
    problems.push(
      `"type" must be one of ${[...CONTACT_FLOW_TYPES, 'MODULE'].join(', ')} (found ${describe(type)})`,
    );
  }
  if (value.description !== undefined && typeof value.description !== 'string') {
    problems.push('"description" must be a string when present');
  }
  if (typeof value.content === 'string') {
    problems.push(
      '"content" must be the flow language as a JSON object, not an escaped string; rewrite the file with `npm run flows -- normalize FILE`',
    );
  } else {
    checkContent(value.content, 'content', problems);
  }
  if (problems.length > 0) return fail('invalid-field', filePath, problems);
  const document: FlowDocument = {
    name: name as string,
    type: type as FlowFileType,
    ...(value.description !== undefined ? { description: value.description as string } : {}),
    content: value.content as FlowContent,
  };
  return { ok: true, document, shape: 'repo', notes: [] };
}

function parseApiShape(
  value: Json,
  filePath: string,
  shape: FlowFileShape,
  moduleHint: boolean,
): ParseFlowResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const name = value.Name;
  if (typeof name !== 'string' || name.trim() === '') problems.push('"Name" must be a non-empty string');

  let content: unknown = value.Content;
  if (typeof content === 'string') {
    const inner = parseJson(content);
    if (!inner.ok)
      return fail('invalid-json', filePath, [
        `"Content" is not valid JSON (${inner.message}); fix the syntax`,
      ]);
    content = inner.value;
  }
  if (isObject(content) && isLegacyExport(content))
    return fail('legacy-export', filePath, [LEGACY_EXPORT_MESSAGE]);
  checkContent(content, 'Content', problems);

  const declared = value.Type ?? value.ContactFlowType;
  let type: FlowFileType | undefined;
  if (moduleHint) {
    type = 'MODULE';
  } else if (declared === undefined) {
    if (problems.length === 0) {
      type = inferType(content as Json);
      notes.push(`no "Type" in the file; inferred ${type} from the content`);
    }
  } else if (isFlowFileType(declared) && declared !== 'MODULE') {
    type = declared;
  } else {
    problems.push(`"Type" must be one of ${CONTACT_FLOW_TYPES.join(', ')} (found ${describe(declared)})`);
  }
  const description = value.Description;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    problems.push('"Description" must be a string when present');
  }
  if (problems.length > 0) return fail('invalid-field', filePath, problems);
  const document: FlowDocument = {
    name: name as string,
    type: type as FlowFileType,
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    content: content as FlowContent,
  };
  return { ok: true, document, shape, notes };
}

function parseContentShape(value: Json, filePath: string): ParseFlowResult {
  const problems: string[] = [];
  checkContent(value, 'content', problems);
  if (problems.length > 0) return fail('invalid-field', filePath, problems);
  const notes: string[] = [];
  const metadata = isObject(value.Metadata) ? value.Metadata : {};
  let name = typeof metadata.name === 'string' && metadata.name.trim() !== '' ? metadata.name : undefined;
  if (name === undefined) {
    name = path.basename(filePath).replace(/\.json$/i, '');
    notes.push(`no name in the flow's metadata; named "${name}" after the file`);
  }
  const designerType = typeof metadata.type === 'string' ? DESIGNER_TYPES[metadata.type] : undefined;
  const type = designerType ?? inferType(value);
  if (designerType === undefined)
    notes.push(`no type in the flow's metadata; inferred ${type} from the content`);
  const description =
    typeof metadata.description === 'string' && metadata.description !== ''
      ? metadata.description
      : undefined;
  const document: FlowDocument = {
    name,
    type,
    ...(description !== undefined ? { description } : {}),
    content: value as FlowContent,
  };
  return { ok: true, document, shape: 'content', notes };
}

/**
 * A module declares `Settings` or returns with `EndFlowModuleExecution`. Otherwise the first flow
 * type every action is allowed in (see {@link ACTION_FLOW_TYPES}), preferring `CONTACT_FLOW`: a
 * flow that loops prompts and dequeues is a customer queue flow.
 */
function inferType(content: Json): FlowFileType {
  const actions = Array.isArray(content.Actions) ? (content.Actions as Json[]) : [];
  const returns = actions.some((a) => isObject(a) && a.Type === 'EndFlowModuleExecution');
  if (isObject(content.Settings) || returns) return 'MODULE';
  const candidates = CONTACT_FLOW_TYPES.filter((t) =>
    actions.every((a) => {
      const allowed = isObject(a) && typeof a.Type === 'string' ? ACTION_FLOW_TYPES[a.Type] : undefined;
      return allowed === undefined || allowed.includes(t);
    }),
  );
  return candidates[0] ?? 'CONTACT_FLOW';
}

/** Checks the structure of the flow language (types of the fields the tooling relies on). */
function checkContent(content: unknown, where: string, problems: string[]): void {
  if (!isObject(content)) {
    problems.push(`"${where}" must be the flow language as a JSON object (found ${describe(content)})`);
    return;
  }
  if (typeof content.Version !== 'string')
    problems.push(`${where}.Version must be a string such as "2019-10-30"`);
  if (typeof content.StartAction !== 'string')
    problems.push(`${where}.StartAction must be the identifier of the first action`);
  if (!Array.isArray(content.Actions)) {
    problems.push(`${where}.Actions must be an array of actions`);
    return;
  }
  content.Actions.forEach((action: unknown, i: number) => {
    const at = `${where}.Actions[${i}]`;
    if (!isObject(action)) {
      problems.push(`${at} must be an object`);
      return;
    }
    if (typeof action.Identifier !== 'string' || action.Identifier === '')
      problems.push(`${at}.Identifier must be a non-empty string`);
    if (typeof action.Type !== 'string' || action.Type === '')
      problems.push(`${at}.Type must be a non-empty string`);
    if (action.Parameters !== undefined && !isObject(action.Parameters))
      problems.push(`${at}.Parameters must be an object`);
    if (action.Transitions === undefined) return;
    if (!isObject(action.Transitions)) {
      problems.push(`${at}.Transitions must be an object`);
      return;
    }
    const t = action.Transitions;
    if (t.NextAction !== undefined && typeof t.NextAction !== 'string')
      problems.push(`${at}.Transitions.NextAction must be a string`);
    for (const list of ['Errors', 'Conditions'] as const) {
      const entries = t[list];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        problems.push(`${at}.Transitions.${list} must be an array`);
        continue;
      }
      entries.forEach((e: unknown, j: number) => {
        if (!isObject(e) || (e.NextAction !== undefined && typeof e.NextAction !== 'string')) {
          problems.push(`${at}.Transitions.${list}[${j}].NextAction must be a string`);
        }
      });
    }
  });
}

function isFlowFileType(v: unknown): v is FlowFileType {
  return typeof v === 'string' && (v === 'MODULE' || (CONTACT_FLOW_TYPES as readonly string[]).includes(v));
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  return `a ${typeof v}`;
}

function fail(kind: FlowFormatError['kind'], filePath: string, problems: string[]): ParseFlowResult {
  return { ok: false, error: new FlowFormatError(kind, filePath, problems) };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: describeJsonError(text, err) };
  }
}

/** `SyntaxError` text without Node's excerpt, with the line and column of the error. */
function describeJsonError(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const base = msg
    .replace(/,\s*(?:\.\.\.)?".*is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '');
  const pos = locateJsonError(text);
  if (pos === undefined) return base;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${base} at line ${line}, column ${column}`;
}
