import * as fs from 'fs';
import * as path from 'path';
import type { PolicyViolation } from 'aws-cdk-lib';

/**
 * Environment variable naming a folder where {@link GuardFindingsCache} also keeps its entries, so
 * that several processes (the workers of one jest run) check each template content once. Unset,
 * the findings are kept in memory only, for the process.
 */
export const GUARD_CACHE_DIR_VARIABLE = 'AMZCONNECT_GUARD_CACHE_DIR';

/**
 * cfn-guard's findings by a key of the rules and the template content (cfn-guard's result depends
 * on nothing else), in memory and, when a folder is given, on disk: one JSON file per key,
 * written to a temporary name and renamed, so a reader never sees half an entry and two writers
 * of the same key write the same content.
 */
export class GuardFindingsCache {
  private readonly memory = new Map<string, readonly PolicyViolation[]>();

  /** @param dir folder for the entries on disk; none keeps them in memory only */
  constructor(private readonly dir?: string) {}

  /** The findings recorded under `key`, or undefined. */
  public get(key: string): readonly PolicyViolation[] | undefined {
    const known = this.memory.get(key);
    if (known || !this.dir) return known;
    try {
      const stored = JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as PolicyViolation[];
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
    fs.mkdirSync(this.dir, { recursive: true });
    const part = `${this.file(key)}.${process.pid}.part`;
    fs.writeFileSync(part, JSON.stringify(findings));
    fs.renameSync(part, this.file(key));
  }

  private file(key: string): string {
    return path.join(this.dir!, `${key}.json`);
  }
}
