/**
 * Which flows each environment deploys (workload folders under `flows/`). The logic lives in
 * `src/format/workload-flows.ts` so the `plan`/`deploy` commands can use it too; this module keeps
 * the import path the stacks and the workloads' tests use.
 */
export * from '../src/format/workload-flows';
