/**
 * One jest run over every workspace. ts-jest transpiles only (isolatedModules):
 * type checking is `tsc` in `npm run lint`, so tests stay fast on two cores.
 * @type {import('jest').Config}
 */
const workspaces = [
  'env',
  'amzconnect-contact-flows',
  'amzconnect-instance',
  'amzconnect-supporting-infra',
  'amzconnect-lambdas',
  'amzconnect-devops-pipelines',
];

module.exports = {
  projects: workspaces.map((dir) => ({
    displayName: dir,
    rootDir: `<rootDir>/${dir}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.base.json', diagnostics: false }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    setupFiles: ['<rootDir>/../jest.setup.js'],
  })),
  testTimeout: 60000,
};
