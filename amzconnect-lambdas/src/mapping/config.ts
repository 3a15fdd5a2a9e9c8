/** Where the published mapping document is: one exact S3 object version. */
export interface MappingLocation {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
}

/** The location, or why there is none yet. */
export type MappingConfig = { readonly ok: true; readonly location: MappingLocation } | { readonly ok: false; readonly problem: string };

/** Environment variables the flow provisioner sets when it publishes a mapping. */
export const MAPPING_ENV = { bucket: 'MAPPING_BUCKET', key: 'MAPPING_KEY', versionId: 'MAPPING_VERSION_ID' } as const;

/** Reads the location from an environment (pure; the handler calls it once, at cold start). */
export function readMappingConfig(env: Readonly<Record<string, string | undefined>>): MappingConfig {
  const bucket = env[MAPPING_ENV.bucket]?.trim();
  const key = env[MAPPING_ENV.key]?.trim();
  const versionId = env[MAPPING_ENV.versionId]?.trim();
  const missing = Object.values(MAPPING_ENV).filter((name) => !env[name]?.trim());
  if (!bucket || !key || !versionId) {
    return {
      ok: false,
      problem: `no mapping has been published (${missing.join(', ')} not set); deploy the contact flows, which publish it.`,
    };
  }
  return { ok: true, location: { bucket, key, versionId } };
}
