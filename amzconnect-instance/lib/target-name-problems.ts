import { enabledEnvironments, type ConfigProblem, type PlatformConfig } from '@amzconnect/env';
import { targetResourceName } from './target-resource-name';

/**
 * Checks the physical name derived from `base` for every enabled environment and Region of
 * `platform` with `check` (e.g. the S3 bucket rules), reporting each failure against `field`.
 */
export function targetNameProblems(
  file: string,
  field: string,
  base: string,
  platform: PlatformConfig,
  check: (name: string) => string | undefined,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const environment of enabledEnvironments(platform)) {
    for (const region of environment.regions) {
      const problem = check(targetResourceName(base, environment, region));
      if (problem)
        problems.push({
          file,
          field,
          message: `for environment "${environment.name}" in ${region} ${problem}`,
        });
    }
  }
  return problems;
}
