import type { ConfigProblem, Environment, ToolingAccount } from '@amzconnect/env';
import { isProductionEnvironment, type LifecycleOverrides } from './lifecycle-policy';

/**
 * Checks one environment's lifecycle overrides (a section of `env/environments/<env>.json`,
 * `field` being the section's path, e.g. `instance`): production never opts out of retention or
 * termination protection.
 */
export function lifecycleOverrideProblems(
  file: string,
  field: string,
  environment: Pick<Environment, 'name' | 'branch'>,
  tooling: Pick<ToolingAccount, 'branch'>,
  overrides: LifecycleOverrides,
): ConfigProblem[] {
  if (!isProductionEnvironment(environment, tooling, overrides)) return [];
  const problems: ConfigProblem[] = [];
  if (overrides.retainOnDelete === false) {
    problems.push({
      file,
      field: `${field}.retainOnDelete`,
      message: `cannot be false for the production environment "${environment.name}"; production data is always retained (remove the setting).`,
    });
  }
  if (overrides.terminationProtection === false) {
    problems.push({
      file,
      field: `${field}.terminationProtection`,
      message: `cannot be false for the production environment "${environment.name}"; production stacks are always protected (remove the setting).`,
    });
  }
  return problems;
}
