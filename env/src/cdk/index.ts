// The CDK side of the configuration: the App every sub-project synthesizes with the platform's
// guard rails (createPlatformApp, runPlatformApp), the target-account stack synthesizer, and the
// aspects and validators those apps apply. Kept apart from `@amzconnect/env`, the configuration
// and the contracts, so that whatever reads only the configuration (handlers, CLIs, the router,
// their tests) does not load aws-cdk-lib and cdk-nag: about 0.4 s of CPU per process or jest test
// file (bench/suite-timing.md). ESLint keeps the rest of env/src free of CDK imports.
export * from './platform-app';
export * from './run-platform-app';
export * from './target-stack-synthesizer';
export * from './guard-acknowledgement';
export * from './control-tower-guard-validator';
export * from './guard-findings-cache';
export * from './nag-resource-name';
export * from './workload-permissions-boundary';
export * from './custom-resource-service-timeout';
export * from './kms-grants-only-for-aws-services';
export * from './log-group-encryption';
export * from './cdk-framework-functions';
