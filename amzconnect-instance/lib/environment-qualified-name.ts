/**
 * Builds the physical name of a per-environment, per-Region resource from a base name written in
 * configuration: `<base>-<env>-<region>`, lowercased, so that environments and Regions never
 * collide (e.g. `acme-develop-us-east-1`).
 */
export function environmentQualifiedName(base: string, environment: string, region: string): string {
  return `${base}-${environment}-${region}`.toLowerCase();
}
