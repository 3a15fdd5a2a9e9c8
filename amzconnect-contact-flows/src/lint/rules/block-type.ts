import { ACTION_FLOW_TYPES } from '../../model/action-flow-types';
import { describeAction } from '../flow-walk';
import { LintRule } from '../lint-rule';

/** Blocks the flow type does not allow, where Connect's documentation says so. */
export const blockType: LintRule = {
  id: 'block-type',
  check(doc) {
    return doc.content.Actions.flatMap((action) => {
      const allowed = ACTION_FLOW_TYPES[action.Type];
      if (allowed === undefined || allowed.includes(doc.type)) return [];
      return [
        {
          severity: 'error' as const,
          message: `${describeAction(action)} cannot be used in a ${doc.type} flow; Connect allows it in ${allowed.join(', ')}`,
        },
      ];
    });
  },
};
