import * as fs from 'fs';
import { FlowFormatError } from './flow-format-error';
import { parseFlowText, ParseFlowResult } from './parse-flow-text';

/**
 * Reads a flow file in any shape the tooling reads and returns our document, or a
 * {@link FlowFormatError} (never throws).
 * @param filePath the file to read; also how it is named in messages
 */
export function readFlowFile(filePath: string): ParseFlowResult {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found; check the path'
        : code === 'EISDIR'
          ? 'is a folder; pass a .json file'
          : `cannot be read (${code ?? String(err)})`;
    return { ok: false, error: new FlowFormatError('unreadable', filePath, [message]) };
  }
  return parseFlowText(text, filePath);
}
