import { didYouMean } from '../did-you-mean';
import { LintRule } from '../lint-rule';

/** The flow must start at one of its actions. */
export const startAction: LintRule = {
  id: 'start-action',
  check(doc) {
    const ids = doc.content.Actions.map((a) => a.Identifier);
    const start = doc.content.StartAction;
    if (ids.includes(start)) return [];
    return [
      {
        severity: 'error',
        message: `StartAction "${start}" is not the identifier of any action${didYouMean(start, ids)}`,
      },
    ];
  },
};
