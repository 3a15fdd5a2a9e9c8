/** Shortest and longest S3 bucket names. */
export const S3_BUCKET_NAME_MIN_LENGTH = 3;
export const S3_BUCKET_NAME_MAX_LENGTH = 63;

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Checks a (final) general purpose bucket name against Amazon S3's naming rules and returns what
 * is wrong and how to fix it, or `undefined` when the name is valid. Dots are rejected too,
 * although S3 allows them: a dotted name breaks TLS certificate matching for virtual-hosted-style
 * requests. Global uniqueness can only be checked at deployment.
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length > S3_BUCKET_NAME_MAX_LENGTH) {
    return `gives the bucket name "${name}" (${name.length} characters), longer than Amazon S3's ${S3_BUCKET_NAME_MAX_LENGTH}; shorten the base name by at least ${characters(name.length - S3_BUCKET_NAME_MAX_LENGTH)}.`;
  }
  if (name.length < S3_BUCKET_NAME_MIN_LENGTH) {
    return `gives the bucket name "${name}", shorter than Amazon S3's ${S3_BUCKET_NAME_MIN_LENGTH} characters; use a longer base name.`;
  }
  if (name.includes('.')) {
    return `gives the bucket name "${name}", which contains "."; use hyphens instead (dotted names break TLS for virtual-hosted-style requests).`;
  }
  if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(name)) {
    return `gives the bucket name "${name}", which Amazon S3 rejects; use only lowercase letters, digits and hyphens, starting and ending with a letter or digit.`;
  }
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix)
    return `gives the bucket name "${name}", which starts with the reserved prefix "${prefix}"; choose another base name.`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix)
    return `gives the bucket name "${name}", which ends with the reserved suffix "${suffix}"; choose another base name.`;
  return undefined;
}

function characters(n: number): string {
  return `${n} character${n === 1 ? '' : 's'}`;
}
