import { App, Aspects, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CdkFrameworkFunctions } from './cdk-framework-functions';
import { ControlTowerGuardValidator } from './control-tower-guard-validator';
import { CustomResourceServiceTimeout } from './custom-resource-service-timeout';
import { KmsGrantsOnlyForAwsServices } from './kms-grants-only-for-aws-services';
import { LogGroupEncryption } from './log-group-encryption';
import { FEATURE_FLAGS } from '../feature-flags';
import { WorkloadPermissionsBoundary } from './workload-permissions-boundary';

/** Options for {@link createPlatformApp}. */
export interface PlatformAppOptions {
  /** Where the cloud assembly goes. @default the CDK default (`cdk.out`, or what the CLI passes) */
  readonly outdir?: string;
  /**
   * Skip asset bundling (esbuild) for every stack. Tests use it to stay fast; real synthesis never does.
   * @default false
   */
  readonly skipBundling?: boolean;
  /** Extra context, e.g. from the command line. @default none */
  readonly context?: Record<string, unknown>;
  /**
   * Run the second validator, cfn-guard with the AWS Control Tower proactive controls
   * ({@link ControlTowerGuardValidator}). It spawns the cfn-guard binary once per synthesis;
   * only tests that are not about validation switch it off. Real synthesis never does.
   * @default true
   */
  readonly guard?: boolean;
  /**
   * Run the validators at all: CloudFormation's schema validation, cdk-nag and cfn-guard. Only a
   * test that measures template sizes at a scale no configuration of ours has (the 25×4 tooling
   * app) switches them off: its subject is CloudFormation's limits, and the same constructs are
   * validated in every other synthesis. Real synthesis never does.
   * @default true
   */
  readonly validate?: boolean;
}

/**
 * Creates the CDK App every sub-project uses, with the platform's guard rails switched on:
 * templates are validated against CloudFormation's resource schemas with warnings counted as
 * errors, and cdk-nag's AWS Solutions rules run as a validation plugin, so any unacknowledged
 * finding fails synthesis (report in `<outdir>/validation-report.json`); so does cfn-guard with the
 * AWS Control Tower proactive controls, the second, independent rule set. Every log group is
 * encrypted with its stack's log key and every KMS key lets only AWS services create grants. Every role of a stack
 * deployed into a target account gets the environment's permissions boundary, and every custom
 * resource a `ServiceTimeout` (15 minutes instead of CloudFormation's hour). The CDK's
 * recommended feature flags ({@link FEATURE_FLAGS}) are on.
 */
export function createPlatformApp(options: PlatformAppOptions = {}): App {
  const validate = options.validate ?? true;
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: validate,
    context: {
      // The recommended flags, the same set as every cdk.json (see feature-flags.ts); the CLI's
      // context (cdk.json, -c) is applied after this and so wins where they would differ.
      ...FEATURE_FLAGS,
      [cxapi.VALIDATE_AGAINST_DEFAULT_RULES]: true,
      [cxapi.STRICT_CFN_VALIDATE_ERRORS]: true,
      ...(options.skipBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  if (validate) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  if (validate && (options.guard ?? true)) Validations.of(app).addPlugins(new ControlTowerGuardValidator());
  Aspects.of(app).add(new WorkloadPermissionsBoundary());
  Aspects.of(app).add(new CustomResourceServiceTimeout());
  Aspects.of(app).add(new LogGroupEncryption());
  Aspects.of(app).add(new KmsGrantsOnlyForAwsServices());
  Aspects.of(app).add(new CdkFrameworkFunctions());
  return app;
}
