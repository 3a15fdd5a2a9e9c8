import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { Environment, targetRoleArns, toolingDeployRoleName } from '@amzconnect/env';
import { PipelineProject } from './pipeline-project';

/** Folder of the deploy script, relative to the repository root. */
export const DEPLOY_SCRIPT = 'amzconnect-devops-pipelines/scripts/deploy.sh';

/** Name of the pipeline artifact holding the synthesized cloud assembly. */
export const CLOUD_ASSEMBLY_ARTIFACT = 'CloudAssembly';

/** Environment variable naming the stack a deploy action deploys. */
export const STACK_NAME_VARIABLE = 'STACK_NAME';

/** The deploy command: the versioned script, given the cloud assembly and the stack name of the action. */
export function deployCommand(): string {
  return `bash ${DEPLOY_SCRIPT} "$CODEBUILD_SRC_DIR_${CLOUD_ASSEMBLY_ARTIFACT}" "$${STACK_NAME_VARIABLE}"`;
}

/** Props of {@link EnvironmentDeployProject}. */
export interface EnvironmentDeployProjectProps {
  /** The environment this project deploys to; its role may act in that account only. */
  readonly environment: Environment;
  /** Key that encrypts artifacts and logs. */
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
}

/**
 * The CodeBuild project that deploys one environment's stacks (every sub-project, every Region).
 * Its role has a fixed name so the target account can trust exactly this role, and it may only
 * assume that environment's deploy and publish roles: a develop deployment cannot reach prod.
 */
export class EnvironmentDeployProject extends Construct {
  /** The project. */
  public readonly project: codebuild.PipelineProject;
  /** Its role (trusted by the target account's deploy and publish roles). */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: EnvironmentDeployProjectProps) {
    super(scope, id);
    const env = props.environment;
    this.role = new iam.Role(this, 'Role', {
      roleName: toolingDeployRoleName(env),
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Deploys the ${env.name} environment into account ${env.account}`,
    });
    const target = targetRoleArns(env);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeTargetAccountRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [target.deploy, target.publish],
      }),
    );
    this.project = new PipelineProject(this, 'Project', {
      description: `Deploy stacks to ${env.name} (${env.account}: ${env.regions.join(', ')})`,
      command: deployCommand(),
      role: this.role,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
    }).project;
  }
}
