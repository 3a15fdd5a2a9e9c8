import { MAPPING_LOCATION_ENV, MAPPING_VERSION_ENV } from '@amzconnect/env/contracts';

/** Where the published mapping document is: an S3 object, pinned to one version when published. */
export interface MappingLocation {
  readonly bucket: string;
  readonly key: string;
  /**
   * The version the flow provisioner pinned (`MAPPING_VERSION_ID`). Absent after a stack update
   * reset the function's environment and before the next flow deployment pins it again; the
   * function then reads the latest version, which is the one last published (the provisioner
   * writes the object before pinning it).
   */
  readonly versionId?: string;
}

/** The location, or why there is none. */
export type MappingConfig =
  | { readonly ok: true; readonly location: MappingLocation }
  | { readonly ok: false; readonly problem: string };

/**
 * Environment variables of the mapping function: the stack sets the bucket and key, the flow
 * provisioner pins the version when it publishes (merging into the other variables).
 */
export const MAPPING_ENV = { ...MAPPING_LOCATION_ENV, versionId: MAPPING_VERSION_ENV } as const;

/** Reads the location from an environment (pure; the handler calls it once, at cold start). */
export function readMappingConfig(env: Readonly<Record<string, string | undefined>>): MappingConfig {
  const bucket = env[MAPPING_ENV.bucket]?.trim();
  const key = env[MAPPING_ENV.key]?.trim();
  const versionId = env[MAPPING_ENV.versionId]?.trim();
  if (!bucket || !key) {
    const missing = [MAPPING_ENV.bucket, MAPPING_ENV.key].filter((name) => !env[name]?.trim());
    return {
      ok: false,
      problem: `${missing.join(' and ')} not set; the lambdas stack sets them (flow bucket, mapping key).`,
    };
  }
  return { ok: true, location: versionId ? { bucket, key, versionId } : { bucket, key } };
}
