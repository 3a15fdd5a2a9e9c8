// One lint configuration for every workspace: type-aware rules that catch floating promises,
// plus a ban on focused or skipped tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A package's surface is its `exports` map. */
const THROUGH_EXPORTS = {
  regex: '^@amzconnect/[a-z-]+/(src|lib|bin|test)(/|$)',
  message: 'Import another workspace through its package exports, not its folders.',
};
/** Production code never imports the test-only package. */
const NO_TEST_HELPERS = {
  regex: '^@amzconnect/testing(/|$)',
  message: 'Test-only helpers must not reach production code.',
};
/** env/ outside env/src/cdk is configuration and contracts, free of the CDK. */
const NO_CDK_IN_ENV_CONFIG = {
  regex: '^(aws-cdk-lib|cdk-nag|constructs|@cdklabs/.*)(/|$)|^(\\.\\.?/)+cdk(/|$)',
  message: 'The configuration side of env/ stays free of the CDK: put CDK code in env/src/cdk.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/cdk.out/**', '**/*.js', '**/*.mjs', '**/test/fixtures/**', 'tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Focused tests must not be committed.' },
        { object: 'describe', property: 'only', message: 'Focused tests must not be committed.' },
        { object: 'test', property: 'only', message: 'Focused tests must not be committed.' },
        { object: 'it', property: 'skip', message: 'Skipped tests prove nothing.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests prove nothing.' },
        { object: 'test', property: 'skip', message: 'Skipped tests prove nothing.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'xit', message: 'Skipped tests prove nothing.' },
        { name: 'xdescribe', message: 'Skipped tests prove nothing.' },
        { name: 'fit', message: 'Focused tests must not be committed.' },
      ],
    },
  },
  {
    // A package's surface is its `exports` map: no reaching into another workspace's folders,
    // and production code never imports the test-only package.
    files: ['**/*.ts'],
    ignores: ['**/test/**', 'testing/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [THROUGH_EXPORTS, NO_TEST_HELPERS],
        },
      ],
    },
  },
  {
    // env/ without its cdk/ folder is the configuration and the contracts: data, loaders and names.
    // Whatever reads only those (handlers, CLIs, the router) must not load aws-cdk-lib and cdk-nag,
    // so the CDK side lives in env/src/cdk (`@amzconnect/env/cdk`). Lists the boundary rules
    // above again: a later block replaces a rule's options, it does not add to them.
    files: ['env/src/**/*.ts'],
    ignores: ['env/src/cdk/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [THROUGH_EXPORTS, NO_TEST_HELPERS, NO_CDK_IN_ENV_CONFIG],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', 'testing/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [THROUGH_EXPORTS],
        },
      ],
    },
  },
  {
    // Template assertions walk untyped CloudFormation JSON.
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
