import { FlowDocument } from '../model/flow-document';

/**
 * Our file format as text: the header first (name, type, description), then the content, pretty
 * printed with two spaces and a final newline, so a pull request shows one change per line.
 */
export function serializeFlowDocument(doc: FlowDocument): string {
  const ordered = {
    name: doc.name,
    type: doc.type,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    content: doc.content,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** A file name for a flow: its name with anything but letters, digits, `_`, `.` and `-` made `_`. */
export function flowFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
}
