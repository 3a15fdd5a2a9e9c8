import { LintRule } from '../lint-rule';

/** Connect's limit on the size of a flow's content, in characters. */
export const CONTENT_SIZE_LIMIT = 256_000;

/** Connect rejects content over 256,000 characters (measured as deployed: compact JSON). */
export const contentSize: LintRule = {
  id: 'content-size',
  check(doc) {
    const size = JSON.stringify(doc.content).length;
    if (size <= CONTENT_SIZE_LIMIT) return [];
    return [
      {
        severity: 'error',
        message: `content is ${size.toLocaleString('en-US')} characters as compact JSON, over Connect's limit of ${CONTENT_SIZE_LIMIT.toLocaleString('en-US')}; split the flow or move blocks into a flow module`,
      },
    ];
  },
};
