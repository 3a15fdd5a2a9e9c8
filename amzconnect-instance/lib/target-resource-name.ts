import { accountUniqueSuffix, type Environment } from '@amzconnect/env';
import { environmentQualifiedName } from './environment-qualified-name';

/**
 * The physical name, in a global namespace, of a per-environment, per-Region resource:
 * `<base>-<env>-<region>`, lowercased, followed by `-<accountUniqueSuffix>` when the environment
 * has `accountUniqueNames` (e.g. `acme-connect-storage-develop-us-east-1-83f15f4b` in account 111111111111), so that two
 * adopters with the same names, or a retained bucket of a deleted stack, do not clash.
 */
export function targetResourceName(
  base: string,
  environment: Pick<Environment, 'name' | 'account' | 'app' | 'accountUniqueNames'>,
  region: string,
): string {
  const name = environmentQualifiedName(base, environment.name, region);
  return environment.accountUniqueNames ? `${name}-${accountUniqueSuffix(environment, region)}` : name;
}
