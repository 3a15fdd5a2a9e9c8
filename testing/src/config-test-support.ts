/** Helpers for tests of configuration loaders (not part of the package's API). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ConfigError,
  formatProblem,
  loadPlatformConfig,
  REPO_ROOT,
  type PlatformConfig,
} from '@amzconnect/env';

/** The repository's sample platform configuration (`env/`). */
export function samplePlatform(): PlatformConfig {
  return loadPlatformConfig(path.join(REPO_ROOT, 'env'));
}

/** A fresh temporary folder for configuration files. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'amzconnect-config-'));
}

/** Writes `value` as JSON (or a raw string as-is) to `dir/name` and returns `dir/name`. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

/** Deep copy of a JSON file's content, to mutate in a test. */
export function readJsonCopy<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Runs `load` and returns the problems of the ConfigError it throws, formatted `file: field: message`. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a ConfigError, but loading succeeded');
}
