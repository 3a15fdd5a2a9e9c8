import { LintRule } from '../lint-rule';

/** Connect's limit on the size of a flow's content, in characters. */
export const CONTENT_SIZE_LIMIT = 256_000;

/**
 * How many characters a placeholder is counted for: about the longest ARN it becomes (a Connect
 * resource ARN is about 125 characters; a Lambda function ARN with a 64-character name, 140).
 */
export const RESOLVED_PLACEHOLDER_SIZE = 140;

const PLACEHOLDER_RE = /\$\{[A-Za-z][A-Za-z0-9-]*(?::[^}]*)?\}|<<ARNREPLACE>>/g;

/**
 * Connect rejects content over 256,000 characters. Measured as deployed: compact JSON, every
 * placeholder counted as the ARN it becomes.
 */
export const contentSize: LintRule = {
  id: 'content-size',
  check(doc) {
    const text = JSON.stringify(doc.content);
    const placeholders = [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[0]);
    const size = text.length + placeholders.reduce((sum, p) => sum + RESOLVED_PLACEHOLDER_SIZE - p.length, 0);
    if (size <= CONTENT_SIZE_LIMIT) return [];
    const estimate =
      placeholders.length === 0
        ? 'as compact JSON'
        : `as compact JSON once its ${placeholders.length} placeholder${placeholders.length === 1 ? '' : 's'} become${placeholders.length === 1 ? 's an ARN' : ' ARNs'}`;
    return [
      {
        severity: 'error',
        message: `content is about ${size.toLocaleString('en-US')} characters ${estimate}, over Connect's limit of ${CONTENT_SIZE_LIMIT.toLocaleString('en-US')}; split the flow or move blocks into a flow module`,
      },
    ];
  },
};
