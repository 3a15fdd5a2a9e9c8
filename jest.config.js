/**
 * One jest run over every workspace with tests. The projects come from the workspace graph in
 * `env/src/subprojects.ts` (read through tsx, which loads that dependency-free TypeScript file),
 * so adding a workspace there adds its tests here. ts-jest transpiles only (isolatedModules):
 * type checking is `tsc` in `npm run lint`, so tests stay fast on two cores.
 *
 * Temporary files: `jest.global-setup.js` makes one folder for the run and points every worker's
 * TMPDIR at it (CDK apps without an outdir, exports and fixtures all land there);
 * `jest.global-teardown.js` removes it.
 *
 * Workers: jest's default is one worker per core but one, and with a single worker it runs every
 * file in band; on a 2-core machine that leaves a core idle. The synthesizing test files are CPU
 * bound and single threaded, so one worker per core is what pays (the main process only collects
 * results). The memory bound: each worker may reach {@link WORKER_MEMORY_BYTES}, so a machine with
 * less memory than that per core gets fewer workers. (`workerIdleMemoryLimit` is not set: it
 * makes jest use a worker even for a single file, and restarting workers costs module loading.) `--maxWorkers N` on the command line still wins.
 * @type {import('jest').Config}
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { require: tsxRequire } = require('tsx/cjs/api');

const { WORKSPACES } = tsxRequire('./env/src/subprojects.ts', __filename);

/** Memory one worker may reach: 1.85 GB peak measured with two workers (bench/suite-timing.md). */
const WORKER_MEMORY_BYTES = 2 * 1024 ** 3;
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const maxWorkers = Math.max(1, Math.min(cores, Math.floor(os.totalmem() / WORKER_MEMORY_BYTES)));

const withTests = WORKSPACES.filter((w) => fs.existsSync(path.join(__dirname, w.folder, 'test')));

module.exports = {
  projects: withTests.map((w) => ({
    displayName: w.folder,
    rootDir: `<rootDir>/${w.folder}`,
    testEnvironment: '<rootDir>/../jest.environment.js',
    moduleNameMapper: {
      '^@aws/cloudformation-validate$': '<rootDir>/../jest.shared-cloudformation-validate.js',
    },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.base.json', diagnostics: false }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    setupFiles: ['<rootDir>/../jest.setup.js'],
  })),
  maxWorkers,
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  testTimeout: 60000,
};
