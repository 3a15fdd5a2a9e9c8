// Test-only helpers shared by every workspace's tests: local AWS endpoints (emulators), generated
// configurations, cdk-nag helpers. Production code never imports this package (ESLint refuses it).
export * from './config-test-support';
export * from './connect-emulator';
export * from './deploy-test-environment';
export * from './generated-config';
export * from './lambda-config-emulator';
export * from './local-endpoint';
export * from './manual-clock';
export * from './nag-findings';
export * from './s3-versioned-emulator';
export * from './ssm-parameters-emulator';
export * from './property-runs';
export * from './headless-chromium';
export * from './synthesized-app';
