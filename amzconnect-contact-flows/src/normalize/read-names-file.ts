import * as fs from 'fs';

/** A names file read, or why it cannot be used. */
export type NamesFileResult =
  | { readonly ok: true; readonly names: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a `--names` file: a JSON object mapping ARNs (or resource ids) to names, e.g.
 * `{ "arn:aws:connect:...:queue/1a2b...": "ACME_Sales", "1a2b...": "ACME_Sales" }`.
 */
export function readNamesFile(file: string): NamesFileResult {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message:
        code === 'ENOENT' ? `${file}: file not found` : `${file}: not valid JSON (${(err as Error).message})`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `${file}: must be a JSON object mapping ARNs or ids to names` };
  }
  const bad = Object.entries(value).filter(([, v]) => typeof v !== 'string' || v === '');
  if (bad.length > 0)
    return { ok: false, message: `${file}: the value of "${bad[0][0]}" must be a non-empty name` };
  return { ok: true, names: value as Record<string, string> };
}
