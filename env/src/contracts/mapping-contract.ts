/**
 * The contract between the flow deployment engine (amzconnect-contact-flows), which publishes the
 * run-time mapping, and the mapping function (amzconnect-lambdas), which serves it to flows.
 * Defined once here, imported by both; dependency-free so that Lambda bundles stay small.
 */

/** Environment variable of the mapping function that pins the mapping object's S3 version. */
export const MAPPING_VERSION_ENV = 'MAPPING_VERSION_ID';

/** Environment variables the lambdas stack sets on the mapping function: where the mapping is. */
export const MAPPING_LOCATION_ENV = {
  bucket: 'MAPPING_BUCKET',
  key: 'MAPPING_KEY',
} as const;

/** Key of an environment's mapping object in the flow bucket, e.g. `mappings/acme/develop/mapping.json`. */
export function mappingObjectKey(app: string, envName: string): string {
  return `mappings/${app}/${envName}/mapping.json`;
}
