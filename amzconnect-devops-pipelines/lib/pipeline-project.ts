import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import {
  acknowledgeArtifactGrants,
  acknowledgeBucketObjects,
  acknowledgeCodeBuildDefaults,
} from './nag-acknowledgements';

/** Props of {@link PipelineProject}. */
export interface PipelineProjectProps {
  /** What the project does, shown in the console. */
  readonly description: string;
  /** The one shell command the buildspec runs: always a versioned script from the repository. */
  readonly command: string;
  /** Key that encrypts artifacts and the log group. */
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket the project reads and writes. */
  readonly artifactBucketName: string;
  /** Folder (relative to the source root) whose files are the output artifact. @default no output */
  readonly outputDirectory?: string;
  /** Role to run as. @default a new role with only what the pipeline grants */
  readonly role?: iam.IRole;
  /** Compute size. @default SMALL */
  readonly computeType?: codebuild.ComputeType;
  /** Variables the command exports to the pipeline (buildspec `env.exported-variables`). @default none */
  readonly exportedVariables?: readonly string[];
  /** Plain environment variables of the project. @default none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
}

/**
 * A CodeBuild project as every pipeline of the platform uses it: Amazon Linux 2023 on arm64,
 * Node.js 20, an encrypted log group kept three months, and a buildspec that only calls a
 * versioned script from the repository (no inline bash to review in a template). The wildcards
 * CDK's grants add for the pipeline artifacts are acknowledged on this project only.
 */
export class PipelineProject extends Construct {
  /** The project. */
  public readonly project: codebuild.PipelineProject;
  /** Its log group. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineProjectProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeGuardRule(
      this.logGroup,
      'cloudwatch_log_group_retention_period_check',
      `Build logs of "${props.description}", kept three months; what was released, by whom and when stays in CodePipeline's history and CloudTrail.`,
    );
    if (Stack.of(props.encryptionKey) !== Stack.of(this)) {
      acknowledgeGuardRule(
        this.logGroup,
        'cloudwatch_log_group_encrypted_check',
        "Encrypted with the tooling key of the core stack: KmsKeyId is that key's exported ARN (Fn::ImportValue), which the rule cannot resolve.",
      );
    }
    this.project = new codebuild.PipelineProject(this, 'Project', {
      description: props.description,
      role: props.role,
      encryptionKey: props.encryptionKey,
      environment: {
        buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
        computeType: props.computeType ?? codebuild.ComputeType.SMALL,
      },
      environmentVariables: Object.fromEntries(
        Object.entries(props.environmentVariables ?? {}).map(([k, value]) => [k, { value }]),
      ),
      logging: { cloudWatch: { logGroup: this.logGroup } },
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        ...(props.exportedVariables?.length
          ? { env: { 'exported-variables': [...props.exportedVariables] } }
          : {}),
        phases: {
          install: { 'runtime-versions': { nodejs: 20 } },
          build: { commands: [props.command] },
        },
        ...(props.outputDirectory
          ? { artifacts: { 'base-directory': props.outputDirectory, files: ['**/*'] } }
          : {}),
      }),
    });
    // A role passed in lives outside this construct: acknowledge on it too.
    for (const scope of props.role ? [this, props.role] : [this]) {
      acknowledgeArtifactGrants(scope);
      acknowledgeBucketObjects(
        scope,
        props.artifactBucketName,
        'Reads the source and the artifacts of its own pipeline runs, and writes its output artifact.',
      );
    }
    acknowledgeCodeBuildDefaults(this.project);
  }
}
