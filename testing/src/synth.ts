// Synthesis helpers for tests: one synthesis per app and configuration shared by the whole run
// (synthesizedApp), and the validation findings of a synthesis (cdk-nag, template validation,
// cfn-guard). Its own entry point: it loads aws-cdk-lib and cdk-nag (see index.ts).
export * from './nag-findings';
export * from './synthesized-app';
