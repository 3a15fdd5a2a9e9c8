import * as fs from 'fs';
import { ConfigProblem } from './config-error';

/**
 * Result of reading a JSON file: parsed (`ok`), or not, with the problem; `missing` tells a file
 * that does not exist (which some callers accept) from one that cannot be read or parsed.
 */
export type JsonReadResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly missing: boolean; readonly problem: ConfigProblem };

/** How a missing `env/` file is fixed: what {@link readJsonFile} says when given no hint. */
const MISSING_ENV_FILE =
  'file not found; create it (see README.md, "Fill in env/") or pass --config DIR pointing at your configuration folder.';

/**
 * The one JSON reader of the platform: reads and parses a file, turning a missing file or a
 * syntax error into a problem that names the file, the line and column, and the fix.
 * @param absolutePath where to read
 * @param displayPath how to name the file in messages
 * @param missingHint where the user learns what the file holds, e.g. `see amzconnect-instance/README.md`
 * @default for `missingHint`: the `env/` files' fix (README "Fill in env/", or `--config DIR`)
 */
export function readJsonFile(
  absolutePath: string,
  displayPath: string,
  missingHint?: string,
): JsonReadResult {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT';
    const message = !missing
      ? `cannot be read (${code ?? String(err)}).`
      : missingHint === undefined
        ? MISSING_ENV_FILE
        : `file not found; create it (${missingHint}).`;
    return { ok: false, missing, problem: { file: displayPath, field: '', message } };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return {
      ok: false,
      missing: false,
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
