/**
 * One jest run over every workspace with tests. The projects come from the workspace graph in
 * `env/src/subprojects.ts` (read through tsx, which loads that dependency-free TypeScript file),
 * so adding a workspace there adds its tests here. ts-jest transpiles only (isolatedModules):
 * type checking is `tsc` in `npm run lint`, so tests stay fast on two cores.
 *
 * Temporary files: `jest.global-setup.js` makes one folder for the run and points every worker's
 * TMPDIR at it (CDK apps without an outdir, exports and fixtures all land there);
 * `jest.global-teardown.js` removes it.
 * @type {import('jest').Config}
 */
const fs = require('fs');
const path = require('path');
const { require: tsxRequire } = require('tsx/cjs/api');

const { WORKSPACES } = tsxRequire('./env/src/subprojects.ts', __filename);

const withTests = WORKSPACES.filter((w) => fs.existsSync(path.join(__dirname, w.folder, 'test')));

module.exports = {
  projects: withTests.map((w) => ({
    displayName: w.folder,
    rootDir: `<rootDir>/${w.folder}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.base.json', diagnostics: false }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    setupFiles: ['<rootDir>/../jest.setup.js'],
  })),
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  testTimeout: 60000,
};
