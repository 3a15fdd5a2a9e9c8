import { LintRule } from '../lint-rule';

/** Connect's limit on flow and module names (API reference, CreateContactFlow `Name`: 1-127 characters). */
export const NAME_LENGTH_LIMIT = 127;

/**
 * Names over 127 characters are refused by Connect. The deployed name also carries the app
 * prefix (`<app>-`), which the deployment checks again with the real app.
 */
export const nameLength: LintRule = {
  id: 'name-length',
  check(doc) {
    if (doc.name.length <= NAME_LENGTH_LIMIT) return [];
    return [
      {
        severity: 'error',
        message: `name is ${doc.name.length} characters, over Connect's limit of ${NAME_LENGTH_LIMIT} (and the deployed name adds the app prefix); shorten it`,
      },
    ];
  },
};
