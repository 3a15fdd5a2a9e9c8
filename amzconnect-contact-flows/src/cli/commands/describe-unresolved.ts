import { UnresolvedReference } from '../../normalize/normalize-flow';

/** One warning line per reference the normalizer could not name, saying how to name it. */
export function describeUnresolved(label: string, unresolved: readonly UnresolvedReference[]): string[] {
  return unresolved.map((u) =>
    u.kind === 'unnamed'
      ? `${label}: warning: normalize: ${u.placeholder} stands for an ARN the deployment cannot resolve by name; replace it with a placeholder or a $.External key`
      : `${label}: warning: normalize: no name for ${u.kind} "${u.id}", written as ${u.placeholder}; add "${u.id}": "<name>" to a --names file`,
  );
}
