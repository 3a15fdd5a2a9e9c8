import { CrossStackReferences, ReferenceStrength, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Environment, SUBPROJECT_IDS, SubprojectId, ToolingAccount } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { EnvironmentDeployProject } from './environment-deploy-project';
import { FlowPlanProject } from './flow-plan-project';
import { SubprojectPipeline } from './subproject-pipeline';
import { ToolingCoreStack } from './tooling-core-stack';
import { environmentArtifactBucketName } from './stack-names';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { Duration } from 'aws-cdk-lib';
import { SubprojectBuildProjects } from './subproject-build-projects';

/** Props of {@link EnvironmentPipelinesStack}. */
export interface EnvironmentPipelinesStackProps extends StackProps {
  /** The environment whose pipelines this stack holds. */
  readonly environment: Environment;
  /** The tooling account. */
  readonly tooling: ToolingAccount;
  /** The shared resources. */
  readonly core: ToolingCoreStack;
}

/**
 * One environment's pipelines (one per sub-project), its artifact bucket, its build projects and
 * its deploy project. Nothing here is shared with another environment, so a build of develop
 * (which runs the branch's own code) can neither read nor write what production deploys. One
 * stack per environment keeps every template far inside CloudFormation's limits however many
 * environments the configuration declares.
 */
export class EnvironmentPipelinesStack extends Stack {
  /** The environment's own artifact bucket. */
  public readonly artifacts: AccessLoggedBucket;
  /** The environment's own build projects, one per sub-project. */
  public readonly buildProjects: SubprojectBuildProjects;
  public readonly deployProject: EnvironmentDeployProject;
  /** Present when the environment requires approval: computes the flow plan shown to release managers. */
  public readonly flowPlanProject?: FlowPlanProject;
  public readonly pipelines: Readonly<Record<SubprojectId, SubprojectPipeline>>;

  constructor(scope: Construct, id: string, props: EnvironmentPipelinesStackProps) {
    super(scope, id, props);
    // Strong references (Export/ImportValue) to the core stack's key, topics and roles, whatever
    // the app-wide default (`@aws-cdk/core:defaultCrossStackReferences`, recommended "weak"):
    // CloudFormation then refuses to delete or replace what these pipelines still use, and
    // stacks deployed with strong references cannot go straight to weak ones (the CDK documents
    // a two-deployment migration through "both"; cx-api FEATURE_FLAGS.md). Set before any child.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { environment, core } = props;
    this.addStackDependency(core);
    const bucketName = environmentArtifactBucketName(props.tooling, environment);
    this.artifacts = new AccessLoggedBucket(this, 'Artifacts', {
      encryptionKey: core.key.key,
      bucketName,
      retainOnDelete: true,
      // Pipelines keep artifacts only while a release might still use them.
      expiration: Duration.days(90),
      noncurrentVersionExpiration: Duration.days(90),
    });
    acknowledgeGuardRule(
      this.artifacts.bucket,
      's3_event_notifications_enabled_check',
      'CodePipeline and CodeBuild read and write pipeline artifacts by key; nothing reacts to new objects.',
    );
    // Referenced by name so that policies name the bucket rather than a token.
    const artifactBucket = s3.Bucket.fromBucketAttributes(this, 'ArtifactBucket', {
      bucketName,
      encryptionKey: core.key.key,
    });
    this.buildProjects = new SubprojectBuildProjects(this, 'BuildProjects', {
      encryptionKey: core.key.key,
      artifactBucketName: bucketName,
    });
    this.deployProject = new EnvironmentDeployProject(this, 'Deploy', {
      environment,
      encryptionKey: core.key.key,
      artifactBucketName: bucketName,
    });
    if (environment.approval) {
      this.flowPlanProject = new FlowPlanProject(this, 'FlowPlan', {
        environment,
        encryptionKey: core.key.key,
        artifactBucketName: bucketName,
      });
    }
    const pipelines = SUBPROJECT_IDS.map(
      (subproject) =>
        [
          subproject,
          new SubprojectPipeline(this, `${pascal(subproject)}Pipeline`, {
            environment,
            subproject,
            tooling: props.tooling,
            artifactBucket,
            artifactBucketName: bucketName,
            encryptionKey: core.key.key,
            buildProject: this.buildProjects.projects[subproject],
            deployProject: this.deployProject.project,
            notificationTopic: core.topics.pipelineEvents,
            approvalTopic: core.topics.approvals,
            flowPlanProject: subproject === 'contact-flows' ? this.flowPlanProject?.project : undefined,
          }),
        ] as const,
    );
    for (const [, pipeline] of pipelines) pipeline.node.addDependency(this.artifacts);
    this.pipelines = Object.fromEntries(pipelines) as Record<SubprojectId, SubprojectPipeline>;
  }
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
