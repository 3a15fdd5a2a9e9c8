import { Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { selfUpdatePipelineName, SOURCE_ACTION_NAME, TOOLING_FOLDER, ToolingAccount } from '@amzconnect/env';
import { acknowledgeArtifactGrants, acknowledgeBucketObjects } from './nag-acknowledgements';
import { PipelineProject } from './pipeline-project';
import { CLOUD_ASSEMBLY_ARTIFACT, deployCommand, STACK_NAME_VARIABLE } from './environment-deploy-project';
import { notifyOnExecutionResult } from './pipeline-notifications';
import { createBuildProject, TARGET_ENV_VARIABLE } from './subproject-build-projects';
import { releaseVariables, SOURCE_VARIABLES_NAMESPACE } from './subproject-pipeline';
import { toolingStackPattern } from './stack-names';

/** Props of {@link SelfUpdatePipeline}. */
export interface SelfUpdatePipelineProps {
  readonly tooling: ToolingAccount;
  readonly artifactBucket: s3.IBucket;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
  readonly encryptionKey: kms.IKey;
  readonly notificationTopic: sns.ITopic;
  /** Topic receiving the approval request before the tooling stacks change. */
  readonly approvalTopic: sns.ITopic;
}

/** Script of the review step, relative to the repository root. */
export const SECURITY_DIFF_SCRIPT = 'amzconnect-devops-pipelines/scripts/security-diff.sh';

/** Variable the review step exports for the approval message. */
export const SECURITY_SUMMARY_VARIABLE = 'SECURITY_SUMMARY';

/**
 * The pipeline that redeploys the tooling stacks themselves from the tooling branch, so adding
 * an environment to `env/` and pushing creates its pipelines. It deploys through the tooling
 * account's own CDK bootstrap roles and only the tooling stacks (`<platform prefix>-devops-*`), and
 * never without a person: a Review step diffs the synthesized stacks against the deployed ones
 * and reports whether IAM permissions or security groups widen (like CDK Pipelines'
 * permissions-broadening check, `cdk diff --security-only --fail`), then a release manager
 * approves with that summary and the commit in the message. A merge that removed production's
 * approval stage therefore still needs an approval to take effect.
 */
export class SelfUpdatePipeline extends Construct {
  public readonly pipeline: codepipeline.Pipeline;

  constructor(scope: Construct, id: string, props: SelfUpdatePipelineProps) {
    super(scope, id);
    const { tooling } = props;
    const stack = Stack.of(this);
    const source = new codepipeline.Artifact('Source');
    const assembly = new codepipeline.Artifact(CLOUD_ASSEMBLY_ARTIFACT);

    const build = createBuildProject(this, 'Build', {
      description: 'Lint, test and synthesize the tooling app',
      folder: TOOLING_FOLDER,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
    });

    const deployRole = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: 'Deploys the tooling stacks through the tooling account CDK bootstrap roles',
    });
    const bootstrapRole = (kind: string) =>
      `arn:${stack.partition}:iam::${tooling.account}:role/cdk-${tooling.bootstrapQualifier}-${kind}-role-${tooling.account}-${tooling.region}`;
    deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeToolingBootstrapRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [bootstrapRole('deploy'), bootstrapRole('file-publishing'), bootstrapRole('lookup')],
      }),
    );
    const deploy = new PipelineProject(this, 'Deploy', {
      description: 'Deploy the tooling stacks',
      command: deployCommand(),
      role: deployRole,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
    }).project;

    const reviewRole = new iam.Role(this, 'ReviewRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: 'Diffs the tooling stacks through the read-only CDK lookup role',
    });
    reviewRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeReadOnlyLookupRole',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [bootstrapRole('lookup')],
      }),
    );
    const review = new PipelineProject(this, 'Review', {
      description: 'Report whether the tooling stacks widen IAM permissions or security groups',
      command: `bash ${SECURITY_DIFF_SCRIPT} "$CODEBUILD_SRC_DIR_${CLOUD_ASSEMBLY_ARTIFACT}" "${toolingStackPattern(tooling)}"`,
      role: reviewRole,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
      exportedVariables: [SECURITY_SUMMARY_VARIABLE],
    }).project;
    const commit = `#{${SOURCE_VARIABLES_NAMESPACE}.CommitId}`;

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: selfUpdatePipelineName(tooling.platformPrefix),
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: props.artifactBucket,
      restartExecutionOnUpdate: false,
      variables: releaseVariables(),
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.CodeStarConnectionsSourceAction({
              actionName: SOURCE_ACTION_NAME,
              connectionArn: tooling.connectionArn,
              owner: tooling.owner,
              repo: tooling.repo,
              branch: tooling.branch,
              output: source,
              triggerOnPush: false,
              variablesNamespace: SOURCE_VARIABLES_NAMESPACE,
            }),
          ],
        },
        {
          stageName: 'Build',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'Synth',
              project: build,
              input: source,
              outputs: [assembly],
              environmentVariables: { [TARGET_ENV_VARIABLE]: { value: 'all' } },
            }),
          ],
        },
        {
          stageName: 'Review',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'SecurityDiff',
              project: review,
              input: source,
              extraInputs: [assembly],
              variablesNamespace: 'SecurityDiff',
            }),
          ],
        },
        {
          stageName: 'Approve',
          actions: [
            new actions.ManualApprovalAction({
              actionName: 'ApproveToolingChange',
              notificationTopic: props.approvalTopic,
              externalEntityLink: `https://github.com/${tooling.owner}/${tooling.repo}/commit/${commit}`,
              additionalInformation:
                `Update the pipelines themselves (${toolingStackPattern(tooling)}) in account ${tooling.account}. ` +
                `Commit ${commit}: #{${SOURCE_VARIABLES_NAMESPACE}.CommitMessage}. ` +
                `Security: #{SecurityDiff.${SECURITY_SUMMARY_VARIABLE}}.`,
            }),
          ],
        },
        {
          stageName: 'Deploy',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'DeployToolingStacks',
              project: deploy,
              input: source,
              extraInputs: [assembly],
              environmentVariables: { [STACK_NAME_VARIABLE]: { value: toolingStackPattern(tooling) } },
            }),
          ],
        },
      ],
    });
    props.encryptionKey.grant(this.pipeline.role, 'kms:GenerateDataKey*', 'kms:Decrypt');
    notifyOnExecutionResult(this.pipeline, props.notificationTopic);
    acknowledgeArtifactGrants(this);
    acknowledgeBucketObjects(
      this,
      props.artifactBucketName,
      'The pipeline, its actions and the deploy project read and write the artifacts of their own runs.',
    );
  }
}
