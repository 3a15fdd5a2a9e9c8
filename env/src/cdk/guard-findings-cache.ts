import * as fs from 'fs';
import * as path from 'path';
import type { PolicyViolation } from 'aws-cdk-lib';
import { REPO_ROOT } from '../cli-args';

/**
 * Environment variable naming the folder where the platform's cfn-guard findings are kept between
 * runs ({@link guardCacheDirFromEnvironment}). Set to an empty value, the findings are kept in
 * memory only, for one process.
 */
export const GUARD_CACHE_DIR_VARIABLE = 'AMZCONNECT_GUARD_CACHE_DIR';

/**
 * Where the findings are kept when {@link GUARD_CACHE_DIR_VARIABLE} is unset: the repository's
 * `node_modules/.cache`, where build tools keep what a fresh install does not have (babel-loader,
 * terser-webpack-plugin and others follow the same convention). A fresh clone, or a CodeBuild
 * project, starts without it and checks every template.
 */
export const DEFAULT_GUARD_CACHE_DIR = path.join(
  REPO_ROOT,
  'node_modules',
  '.cache',
  'amzconnect-guard-findings',
);

/** Entries not read or written for this long are removed when a cache opens its folder. */
export const GUARD_CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The cache folder the environment asks for: {@link DEFAULT_GUARD_CACHE_DIR} when
 * {@link GUARD_CACHE_DIR_VARIABLE} is unset, none (memory only) when it is empty, else its value
 * (resolved against the current folder).
 */
export function guardCacheDirFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[GUARD_CACHE_DIR_VARIABLE];
  if (value === undefined) return DEFAULT_GUARD_CACHE_DIR;
  return value.trim() === '' ? undefined : path.resolve(value);
}

/**
 * cfn-guard's findings by a key of what decides them (the validator builds it from cfn-guard's
 * package version, the rule files' contents and the template content), in memory and, when a
 * folder is given, on disk: one JSON file per key, written to a temporary name and renamed, so a
 * reader never sees half an entry and two writers of the same key write the same content.
 *
 * On disk the entries outlive the process: several processes (the workers of one jest run, the
 * next `npm run synth`) check each template content once. A read touches the entry; entries
 * untouched for {@link GUARD_CACHE_MAX_AGE_MS} are removed when a cache opens the folder.
 */
export class GuardFindingsCache {
  private readonly memory = new Map<string, readonly PolicyViolation[]>();
  private pruned = false;

  /**
   * @param dir folder for the entries on disk; none keeps them in memory only
   * @param now the clock, for pruning (tests)
   */
  constructor(
    private readonly dir?: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The findings recorded under `key`, or undefined. */
  public get(key: string): readonly PolicyViolation[] | undefined {
    const known = this.memory.get(key);
    if (known || !this.dir) return known;
    this.prune();
    try {
      const file = this.file(key);
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as PolicyViolation[];
      const at = new Date(this.now());
      fs.utimesSync(file, at, at);
      this.memory.set(key, stored);
      return stored;
    } catch {
      return undefined;
    }
  }

  /** Records the findings of `key`. */
  public set(key: string, findings: readonly PolicyViolation[]): void {
    this.memory.set(key, findings);
    if (!this.dir) return;
    this.prune();
    fs.mkdirSync(this.dir, { recursive: true });
    const part = `${this.file(key)}.${process.pid}.part`;
    fs.writeFileSync(part, JSON.stringify(findings));
    const at = new Date(this.now());
    fs.utimesSync(part, at, at);
    fs.renameSync(part, this.file(key));
  }

  /** Removes the entries (and parts left by a killed writer) untouched for the maximum age, once. */
  private prune(): void {
    if (this.pruned || !this.dir) return;
    this.pruned = true;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    const oldest = this.now() - GUARD_CACHE_MAX_AGE_MS;
    for (const name of names) {
      const file = path.join(this.dir, name);
      try {
        if (fs.statSync(file).mtimeMs < oldest) fs.rmSync(file, { force: true });
      } catch {
        // Removed by another process meanwhile.
      }
    }
  }

  private file(key: string): string {
    return path.join(this.dir!, `${key}.json`);
  }
}
