import type { ConfigProblem, PlatformConfig } from '@amzconnect/env';
import { isProductionEnvironment, type LifecycleOverrides } from './lifecycle-policy';

/**
 * Checks `environments` overrides against the platform configuration: every key names a declared
 * environment, and production never opts out of retention or termination protection.
 */
export function lifecycleOverrideProblems(
  file: string,
  overrides: Readonly<Record<string, LifecycleOverrides>>,
  platform: PlatformConfig,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const declared = platform.environments.map((e) => e.name);
  for (const [name, o] of Object.entries(overrides)) {
    const field = `environments.${name}`;
    const environment = platform.environments.find((e) => e.name === name);
    if (!environment) {
      problems.push({
        file,
        field,
        message: `names no environment of accountvars.json; use one of ${declared.join(', ')} or remove it.`,
      });
      continue;
    }
    if (!isProductionEnvironment(environment, platform.tooling, o)) continue;
    if (o.retainOnDelete === false) {
      problems.push({
        file,
        field: `${field}.retainOnDelete`,
        message: `cannot be false for the production environment "${name}"; production data is always retained (remove the setting).`,
      });
    }
    if (o.terminationProtection === false) {
      problems.push({
        file,
        field: `${field}.terminationProtection`,
        message: `cannot be false for the production environment "${name}"; production stacks are always protected (remove the setting).`,
      });
    }
  }
  return problems;
}
