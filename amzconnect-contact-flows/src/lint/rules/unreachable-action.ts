import { describeAction, transitionsOf } from '../flow-walk';
import { LintRule } from '../lint-rule';

/** Actions no path from the start reaches are dead weight (and often a forgotten connection). */
export const unreachableAction: LintRule = {
  id: 'unreachable-action',
  check(doc) {
    const byId = new Map(doc.content.Actions.map((a) => [a.Identifier, a]));
    const reached = new Set<string>();
    const queue = [doc.content.StartAction];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      const action = byId.get(id);
      if (reached.has(id) || action === undefined) continue;
      reached.add(id);
      for (const { target } of transitionsOf(action)) queue.push(target);
    }
    if (!byId.has(doc.content.StartAction)) return []; // reported by start-action
    return doc.content.Actions.filter((a) => !reached.has(a.Identifier)).map((a) => ({
      severity: 'warning' as const,
      message: `${describeAction(a)} is not reachable from the start action`,
    }));
  },
};
