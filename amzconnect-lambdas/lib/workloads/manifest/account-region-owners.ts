import type { ConfigProblem, Environment } from '@amzconnect/env';
import type { ParsedWorkloadSettings } from './workload-manifest';

/** What an environment would create under a name that exists once per account and Region. */
export interface CreatedName {
  /** The name, e.g. an SES identity's domain. */
  readonly name: string;
  /** The field of the workload's settings the problem points at, below the environment's field. */
  readonly field: string;
}

/**
 * The environments that would create a resource whose name exists once per account and Region
 * (an SES identity, an SES template) when an earlier environment (in the order of
 * `env/accountvars.json`) already creates it in one of their Regions: the first keeps it, every
 * later one gets a problem naming the Regions and their owners, with `fix` telling it what to do.
 * @param created what an environment creates, or undefined when it creates nothing of the kind
 * @param fix the message of a clash, given the environment, the name and where it clashes
 */
export function accountRegionOwnerProblems<Settings>(
  parsed: readonly ParsedWorkloadSettings<Settings>[],
  created: (settings: Settings) => CreatedName | undefined,
  fix: (environment: Environment, name: string, clashes: string) => string,
): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { environment, settings, file, field } of parsed) {
    const mine = created(settings);
    if (!mine) continue;
    const clashes: string[] = [];
    for (const region of environment.regions) {
      const key = `${environment.account}/${region}/${mine.name}`;
      const owner = owners.get(key);
      if (owner) clashes.push(`${region} (created by "${owner}")`);
      else owners.set(key, environment.name);
    }
    if (clashes.length > 0)
      problems.push({
        file,
        field: `${field}.${mine.field}`,
        message: fix(environment, mine.name, clashes.join(', ')),
      });
  }
  return problems;
}
