import { createHash } from 'crypto';
import type { Environment } from './platform-config';

/** Hex characters of {@link accountUniqueSuffix}: 8 (32 bits) keeps a clash between two adopters' names unlikely and names short. */
export const ACCOUNT_UNIQUE_SUFFIX_LENGTH = 8;

/**
 * A short deterministic suffix for names in a global namespace (S3 bucket names, unique within a
 * partition; Connect instance aliases, which form the access URL `<alias>.my.connect.aws`): the
 * first {@link ACCOUNT_UNIQUE_SUFFIX_LENGTH} hex characters of SHA-256 over account, Region, app
 * and environment. The same configuration always gives the same suffix (a redeploy never renames),
 * and two adopters with the same `app` and environment names, in different accounts, get
 * different ones.
 */
export function accountUniqueSuffix(
  env: Pick<Environment, 'account' | 'app' | 'name'>,
  region: string,
): string {
  return createHash('sha256')
    .update(`${env.account}/${region}/${env.app}/${env.name}`)
    .digest('hex')
    .slice(0, ACCOUNT_UNIQUE_SUFFIX_LENGTH);
}
