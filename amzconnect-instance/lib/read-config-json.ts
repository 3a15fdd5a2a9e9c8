import * as fs from 'fs';
import type { ConfigProblem } from '@amzconnect/env';
import { readJsonFile } from '@amzconnect/env';

/**
 * Reads a sub-project's JSON data file: the parsed value, or the problem (missing file, syntax
 * error with line and column) with `missingHint` telling the user where the format is described.
 */
export function readConfigJson(
  absolutePath: string,
  displayPath: string,
  missingHint: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: ConfigProblem } {
  if (!fs.existsSync(absolutePath)) {
    return {
      ok: false,
      problem: { file: displayPath, field: '', message: `file not found; create it (${missingHint}).` },
    };
  }
  return readJsonFile(absolutePath, displayPath);
}
