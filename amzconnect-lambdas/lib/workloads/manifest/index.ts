/**
 * `@amzconnect/lambdas/workloads`: the workload manifests and the one rule deciding where each
 * workload is on. No CDK import, so the flow deployment can read it.
 */
export * from './load-workloads';
export * from './placeholder-values';
export * from './raw-workload-settings';
export * from './workload-manifest';
export * from './workload-manifests';
export * from './workload-switch';
