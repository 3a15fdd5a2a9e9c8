// Test-only helpers shared by every workspace's tests: local AWS endpoints (emulators), generated
// configurations. Production code never imports this package (ESLint refuses it).
// The heavier helpers have their own entry points, so that a test file loads them only when it
// uses them (jest loads every module afresh for each test file): `@amzconnect/testing/synth`
// (shared syntheses and validation findings, with aws-cdk-lib and cdk-nag),
// `@amzconnect/testing/chromium` (playwright-core, 6.6 MB of JavaScript) and
// `@amzconnect/testing/deploy` (the flow deployer against local endpoints, with its AWS SDK
// clients). Measured in bench/suite-timing.md.
export * from './config-test-support';
export * from './connect-emulator';
export * from './generated-config';
export * from './immediate-retry';
export * from './lambda-config-emulator';
export * from './local-endpoint';
export * from './manual-clock';
export * from './s3-versioned-emulator';
export * from './ssm-parameters-emulator';
export * from './property-runs';
