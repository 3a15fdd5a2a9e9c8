import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { Construct } from 'constructs';
import { Environment, targetRoleArns, toolingPlanRoleName } from '@amzconnect/env';
import { PipelineProject } from './pipeline-project';
import { TARGET_ENV_VARIABLE } from './subproject-build-projects';

/** Script that computes the flow plan, relative to the repository root. */
export const FLOW_PLAN_SCRIPT = 'amzconnect-devops-pipelines/scripts/flow-plan.sh';

/** Variable the plan step exports for the approval message. */
export const PLAN_SUMMARY_VARIABLE = 'PLAN_SUMMARY';

/** Variable the plan step exports: console link of the HTML plan report, for the approval message. */
export const PLAN_REPORT_URL_VARIABLE = 'PLAN_REPORT_URL';

/**
 * Key prefix of the HTML plan reports in the artifact bucket:
 * `<prefix>/<env>/<commit>/<region>.html` (the bucket is versioned, so a re-run keeps the earlier one).
 */
export const FLOW_PLAN_REPORT_PREFIX = 'flow-plan-reports';

/** Variable naming the Region a plan action reads. */
export const TARGET_REGION_VARIABLE = 'TARGET_REGION';

/** Props of {@link FlowPlanProject}. */
export interface FlowPlanProjectProps {
  /** The environment whose instances the plan reads. */
  readonly environment: Environment;
  /** Key that encrypts artifacts and logs. */
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
}

/**
 * Computes the contact-flow plan of one environment and Region before release managers approve:
 * runs `scripts/flow-plan.sh` with the read-only flow-plan role of the target account and exports
 * a one-line summary and the console link of the HTML plan report for the approval message. The
 * project runs the commit's code before anyone approved it, so it has its own role, which may
 * assume the read-only flow-plan role and nothing else: not the deploy or publish roles.
 */
export class FlowPlanProject extends Construct {
  public readonly project: codebuild.PipelineProject;
  /** The project's role (trusted only by the target account's flow-plan role). */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: FlowPlanProjectProps) {
    super(scope, id);
    const env = props.environment;
    this.role = new iam.Role(this, 'Role', {
      roleName: toolingPlanRoleName(env),
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Computes the ${env.name} contact-flow plan; may assume only the read-only flow-plan role`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeReadOnlyFlowPlanRole',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [targetRoleArns(env).flowPlan],
      }),
    );
    this.project = new PipelineProject(this, 'Project', {
      description: `Contact-flow plan for ${env.name} (${env.account}), read-only`,
      command: `bash ${FLOW_PLAN_SCRIPT} "$${TARGET_ENV_VARIABLE}" "$${TARGET_REGION_VARIABLE}" "${targetRoleArns(env).flowPlan}"`,
      role: this.role,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
      exportedVariables: [PLAN_SUMMARY_VARIABLE, PLAN_REPORT_URL_VARIABLE],
      environmentVariables: {
        [TARGET_ENV_VARIABLE]: env.name,
        ARTIFACT_BUCKET: props.artifactBucketName,
        PLAN_REPORT_PREFIX: `${FLOW_PLAN_REPORT_PREFIX}/${env.name}`,
      },
    }).project;
    // The HTML report goes to the environment's folder of the artifact store, linked from the approval.
    const reports = `arn:aws:s3:::${props.artifactBucketName}/${FLOW_PLAN_REPORT_PREFIX}/${env.name}/*`;
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteFlowPlanReports',
        actions: ['s3:PutObject'],
        resources: [reports],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${reports}]`,
      reason: `Writes the HTML flow-plan reports of ${env.name} (one object per commit and Region) under its own prefix of the artifact bucket.`,
    });
  }
}
