import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  Environment,
  PIPELINE_VARIABLES,
  pipelineName,
  SOURCE_ACTION_NAME,
  SUBPROJECTS,
  SubprojectId,
  subprojectStackName,
  ToolingAccount,
} from '@amzconnect/env';
import { CLOUD_ASSEMBLY_ARTIFACT, STACK_NAME_VARIABLE } from './environment-deploy-project';
import { TARGET_ENV_VARIABLE } from './subproject-build-projects';
import { PLAN_REPORT_URL_VARIABLE, PLAN_SUMMARY_VARIABLE, TARGET_REGION_VARIABLE } from './flow-plan-project';
import { notifyOnExecutionResult } from './pipeline-notifications';
import { acknowledgeArtifactGrants, acknowledgeBucketObjects } from './nag-acknowledgements';

/** Namespace of the source action's variables (commit id, message). */
export const SOURCE_VARIABLES_NAMESPACE = 'SourceVariables';

/** Props of {@link SubprojectPipeline}. */
export interface SubprojectPipelineProps {
  /** The environment the pipeline deploys. */
  readonly environment: Environment;
  /** The sub-project the pipeline deploys. */
  readonly subproject: SubprojectId;
  /** Tooling account: GitHub connection and repository. */
  readonly tooling: ToolingAccount;
  /** Shared artifact bucket. */
  readonly artifactBucket: s3.IBucket;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
  /** Key of the artifact bucket and approval topic. */
  readonly encryptionKey: kms.IKey;
  /** The sub-project's shared build project. */
  readonly buildProject: codebuild.IProject;
  /** The environment's deploy project. */
  readonly deployProject: codebuild.IProject;
  /** Topic receiving failed and succeeded executions. */
  readonly notificationTopic: sns.ITopic;
  /** Topic receiving approval requests; used only when the environment requires approval. */
  readonly approvalTopic: sns.ITopic;
  /**
   * Project computing the contact-flow plan; when given and the environment requires approval, a
   * Plan stage (one action per Region) runs before the approval and its summary joins the message.
   * @default no plan stage
   */
  readonly flowPlanProject?: codebuild.IProject;
}

/**
 * One CodePipeline (V2) deploying one sub-project to one environment, in every Region of it:
 * Source (pinned by the router, no automatic trigger) → Build (lint, test, synth for the
 * environment) → Approve (only where the environment asks) → Deploy (one action per Region, in
 * parallel).
 */
export class SubprojectPipeline extends Construct {
  /** The pipeline. */
  public readonly pipeline: codepipeline.Pipeline;

  constructor(scope: Construct, id: string, props: SubprojectPipelineProps) {
    super(scope, id);
    const env = props.environment;
    const sub = SUBPROJECTS.find((s) => s.id === props.subproject);
    if (!sub) throw new Error(`Unknown sub-project "${props.subproject}".`);
    const source = new codepipeline.Artifact('Source');
    const assembly = new codepipeline.Artifact(CLOUD_ASSEMBLY_ARTIFACT);

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: pipelineName(props.tooling.platformPrefix, props.subproject, env.branch),
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: props.artifactBucket,
      restartExecutionOnUpdate: false,
      variables: releaseVariables(),
    });

    this.pipeline.addStage({
      stageName: 'Source',
      actions: [
        new actions.CodeStarConnectionsSourceAction({
          actionName: SOURCE_ACTION_NAME,
          connectionArn: props.tooling.connectionArn,
          owner: props.tooling.owner,
          repo: props.tooling.repo,
          branch: env.branch,
          output: source,
          triggerOnPush: false,
          variablesNamespace: SOURCE_VARIABLES_NAMESPACE,
        }),
      ],
    });

    this.pipeline.addStage({
      stageName: 'Build',
      actions: [
        new actions.CodeBuildAction({
          actionName: 'Synth',
          project: props.buildProject,
          input: source,
          outputs: [assembly],
          environmentVariables: { [TARGET_ENV_VARIABLE]: { value: env.name } },
        }),
      ],
    });

    const planSummaries: string[] = [];
    const planReports: string[] = [];
    if (env.approval && props.flowPlanProject) {
      this.pipeline.addStage({
        stageName: 'Plan',
        actions: env.regions.map((region) => {
          const namespace = `FlowPlan-${region}`;
          planSummaries.push(`${region}: #{${namespace}.${PLAN_SUMMARY_VARIABLE}}`);
          planReports.push(`${region}: #{${namespace}.${PLAN_REPORT_URL_VARIABLE}}`);
          return new actions.CodeBuildAction({
            actionName: `Plan-${region}`,
            project: props.flowPlanProject!,
            input: source,
            runOrder: 1,
            variablesNamespace: namespace,
            environmentVariables: { [TARGET_REGION_VARIABLE]: { value: region } },
          });
        }),
      });
    }

    if (env.approval) {
      const commit = `#{${SOURCE_VARIABLES_NAMESPACE}.CommitId}`;
      this.pipeline.addStage({
        stageName: 'Approve',
        actions: [
          new actions.ManualApprovalAction({
            actionName: 'ReleaseManagerApproval',
            notificationTopic: props.approvalTopic,
            externalEntityLink: `https://github.com/${props.tooling.owner}/${props.tooling.repo}/commit/${commit}`,
            additionalInformation:
              `Deploy ${sub.title} (${sub.folder}) to ${env.name} (account ${env.account}, ${env.regions.join(', ')}). ` +
              `Commit ${commit}: #{${SOURCE_VARIABLES_NAMESPACE}.CommitMessage}. ` +
              `Release plan: #{variables.${PIPELINE_VARIABLES.releaseSubprojects}}.` +
              (planSummaries.length ? ` Flow plan: ${planSummaries.join('; ')}.` : '') +
              (planReports.length ? ` Plan report: ${planReports.join('; ')}` : ''),
          }),
        ],
      });
      props.encryptionKey.grant(this.pipeline.role, 'kms:GenerateDataKey*', 'kms:Decrypt');
    }

    this.pipeline.addStage({
      stageName: 'Deploy',
      actions: env.regions.map(
        (region) =>
          new actions.CodeBuildAction({
            actionName: `Deploy-${region}`,
            project: props.deployProject,
            input: source,
            extraInputs: [assembly],
            runOrder: 1,
            environmentVariables: {
              [STACK_NAME_VARIABLE]: { value: subprojectStackName(env, props.subproject, region) },
            },
          }),
      ),
    });

    notifyOnExecutionResult(this.pipeline, props.notificationTopic);
    acknowledgeArtifactGrants(this);
    acknowledgeBucketObjects(
      this,
      props.artifactBucketName,
      'The pipeline and its actions read and write the artifacts of their own runs.',
    );
  }
}

/** The pipeline-level variables every pipeline declares (see `PIPELINE_VARIABLES`). */
export function releaseVariables(): codepipeline.Variable[] {
  return [
    new codepipeline.Variable({
      variableName: PIPELINE_VARIABLES.releasePlan,
      defaultValue: '[]',
      description: 'JSON array of the pipelines still to run after this one',
    }),
    new codepipeline.Variable({
      variableName: PIPELINE_VARIABLES.releaseCommit,
      defaultValue: 'none',
      description: 'Commit id the release deploys',
    }),
    new codepipeline.Variable({
      variableName: PIPELINE_VARIABLES.releaseSubprojects,
      defaultValue: 'manual',
      description: 'Sub-projects of the release, comma-separated',
    }),
  ];
}
