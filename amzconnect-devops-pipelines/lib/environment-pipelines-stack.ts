import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Environment, SUBPROJECT_IDS, SubprojectId, ToolingAccount } from '@amzconnect/env';
import { EnvironmentDeployProject } from './environment-deploy-project';
import { FlowPlanProject } from './flow-plan-project';
import { SubprojectPipeline } from './subproject-pipeline';
import { ToolingCoreStack } from './tooling-core-stack';
import { artifactBucketName } from './stack-names';
import * as s3 from 'aws-cdk-lib/aws-s3';

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
 * One environment's pipelines (one per sub-project) and its deploy project. One stack per
 * environment keeps every template far inside CloudFormation's limits however many
 * environments the configuration declares.
 */
export class EnvironmentPipelinesStack extends Stack {
  public readonly deployProject: EnvironmentDeployProject;
  /** Present when the environment requires approval: computes the flow plan shown to release managers. */
  public readonly flowPlanProject?: FlowPlanProject;
  public readonly pipelines: Readonly<Record<SubprojectId, SubprojectPipeline>>;

  constructor(scope: Construct, id: string, props: EnvironmentPipelinesStackProps) {
    super(scope, id, props);
    const { environment, core } = props;
    this.addStackDependency(core);
    const bucketName = artifactBucketName(props.tooling.account, props.tooling.region);
    // Imported by name so that policies name the bucket rather than a cross-stack token.
    const artifactBucket = s3.Bucket.fromBucketAttributes(this, 'ArtifactBucket', {
      bucketName,
      encryptionKey: core.key.key,
    });
    this.deployProject = new EnvironmentDeployProject(this, 'Deploy', {
      environment,
      encryptionKey: core.key.key,
      artifactBucketName: bucketName,
    });
    if (environment.approval) {
      this.flowPlanProject = new FlowPlanProject(this, 'FlowPlan', {
        environment,
        role: this.deployProject.role,
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
            buildProject: core.buildProjects.projects[subproject],
            deployProject: this.deployProject.project,
            notificationTopic: core.topics.pipelineEvents,
            approvalTopic: core.topics.approvals,
            flowPlanProject: subproject === 'contact-flows' ? this.flowPlanProject?.project : undefined,
          }),
        ] as const,
    );
    this.pipelines = Object.fromEntries(pipelines) as Record<SubprojectId, SubprojectPipeline>;
  }
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
