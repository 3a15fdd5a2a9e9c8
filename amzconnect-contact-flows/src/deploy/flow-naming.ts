import { deployedFlowName, deployedFlowPrefix } from '@amzconnect/env/contracts';
/**
 * How repository flows are named in Amazon Connect.
 *
 * A flow file named `Main` deploys as `<app>-Main` (e.g. `acme-Main`) in every environment:
 * the prefix marks the flows this platform owns, so orphans can be found by listing names alone
 * (no per-flow tag reads), and flows created by hand or by Connect (`Default agent hold`, ...)
 * are never touched. The name is stable across releases and environments, and equal to what a
 * reviewer reads in the repository plus the app prefix. Orphans are renamed to
 * `orphaned-<app>-Main`, which no longer carries the managed prefix, so they are reported once
 * and then left alone; if the file comes back, the orphan is renamed back (same flow, same ARN,
 * so phone numbers and references that point at it keep working).
 */
export interface FlowNaming {
  /** Name in Connect of the repository flow or module `name`. */
  deployedName(name: string): string;
  /** Whether a name in Connect belongs to this app's managed set. */
  isManaged(deployedName: string): boolean;
  /** Repository name of a managed deployed name. */
  repoName(deployedName: string): string;
  /** The name an orphan is renamed to, unique among `taken`. */
  orphanName(deployedName: string, taken: ReadonlySet<string>): string;
  /** Whether `name` is what `orphanName` made of `deployedName` (`orphaned-[N-]<deployed>`). */
  isOrphanOf(name: string, deployedName: string): boolean;
  /** The managed prefix, e.g. `acme-`. */
  readonly prefix: string;
}

/** Prefix of renamed orphans. */
export const ORPHAN_PREFIX = 'orphaned-';

/** Connect's maximum flow and module name length. */
const MAX_NAME_LENGTH = 127;

/** The naming scheme of `app`. */
export function flowNaming(app: string): FlowNaming {
  const prefix = deployedFlowPrefix(app);
  return {
    prefix,
    deployedName: (name) => deployedFlowName(app, name),
    isManaged: (deployed) => deployed.startsWith(prefix),
    repoName: (deployed) => (deployed.startsWith(prefix) ? deployed.slice(prefix.length) : deployed),
    isOrphanOf: (name, deployed) =>
      name.startsWith(ORPHAN_PREFIX) && name.slice(ORPHAN_PREFIX.length).replace(/^\d+-/, '') === deployed,
    orphanName: (deployed, taken) => {
      for (let i = 1; ; i++) {
        const candidate = `${ORPHAN_PREFIX}${i === 1 ? '' : `${i}-`}${deployed}`.slice(0, MAX_NAME_LENGTH);
        if (!taken.has(candidate)) return candidate;
      }
    },
  };
}
