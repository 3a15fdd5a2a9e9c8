import * as fs from 'fs';
import { ConfigProblem } from './config-error';

/** Result of reading a JSON file: the value, or the problem that prevented reading it. */
export type JsonReadResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: ConfigProblem };

/**
 * Reads and parses a JSON file, turning a missing file or a syntax error into a problem that
 * names the file, the line and column, and the fix.
 * @param absolutePath where to read
 * @param displayPath how to name the file in messages
 */
export function readJsonFile(absolutePath: string, displayPath: string): JsonReadResult {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found; create it (see README.md, "Fill in env/") or pass --config DIR pointing at your configuration folder.'
        : `cannot be read (${code ?? String(err)}).`;
    return { ok: false, problem: { file: displayPath, field: '', message } };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return {
      ok: false,
      problem: {
        file: displayPath,
        field: '',
        message: `is not valid JSON (${describeJsonError(text, err)}); fix the syntax.`,
      },
    };
  }
}

function describeJsonError(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(msg);
  if (!m) return msg;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')} at line ${line}, column ${column}`;
}
