/**
 * The shapes of flow files the tooling reads:
 * - `repo`: ours, `{ name, type, description?, content }` with `content` a JSON object;
 * - `api`: `{ Name, Type | ContactFlowType, Description?, Content: "<escaped JSON>" }` (the API's
 *   and the original sample's shape);
 * - `cli`: `{ "ContactFlow": { ... } }` or `{ "ContactFlowModule": { ... } }` (`aws connect describe-*`);
 * - `content`: the bare flow language (`{ Version, StartAction, Actions }`), as the flow designer's
 *   "Export flow" writes it; name and type come from its `Metadata` or the file name.
 */
export type FlowFileShape = 'repo' | 'api' | 'cli' | 'content';
