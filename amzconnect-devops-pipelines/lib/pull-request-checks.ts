import { RemovalPolicy } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { enabledEnvironments, PlatformConfig, targetRoleArns, ToolingAccount } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import {
  acknowledgeArtifactGrants,
  acknowledgeBucketObjects,
  acknowledgeCodeBuildDefaults,
} from './nag-acknowledgements';
import { toolingCoreStackName } from './stack-names';

/** Script a pull-request check runs, relative to the repository root. */
export const PR_CHECK_SCRIPT = 'amzconnect-devops-pipelines/scripts/pr-check.sh';

/** Folder (relative to the source root) the check script writes its plan reports to. */
export const PR_CHECK_REPORT_DIR = 'pr-check-report';

/** Key prefix of the check reports in the artifact bucket: `<prefix>/<build id>/...`. */
export const PR_CHECK_REPORT_PREFIX = 'pull-request-checks';

/** Variable of the check project: `env=<flow-plan role ARN>` pairs, space-separated, one per environment. */
export const FLOW_PLAN_ROLES_VARIABLE = 'FLOW_PLAN_ROLES';

/**
 * Repository roles whose pull requests from forks are checked at once, and who may allow a fork's
 * check with a `/codebuild_run(<commit>)` comment. Triage and read cannot; write, maintain and
 * admin can (GitHub's repository roles; values of CodeBuild's `PullRequestBuildPolicy.approverRoles`,
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_PullRequestBuildPolicy.html).
 */
export const DEFAULT_FORK_APPROVER_ROLES: readonly string[] = [
  'GITHUB_WRITE',
  'GITHUB_MAINTAIN',
  'GITHUB_ADMIN',
];

/** Name of the role pull-request checks run as, in the tooling account (derived from the core stack's name). */
export function pullRequestCheckRoleName(tooling: Pick<ToolingAccount, 'platformPrefix'>): string {
  return `${toolingCoreStackName(tooling)}-pr-check`;
}

/** ARN of {@link pullRequestCheckRoleName}: target accounts' flow-plan roles trust it. */
export function pullRequestCheckRoleArn(tooling: Pick<ToolingAccount, 'account' | 'platformPrefix'>): string {
  return `arn:aws:iam::${tooling.account}:role/${pullRequestCheckRoleName(tooling)}`;
}

/** Base branches whose pull requests get a check: every enabled environment's, and the tooling branch. */
export function checkedBaseBranches(config: PlatformConfig): string[] {
  return [...new Set([...enabledEnvironments(config).map((e) => e.branch), config.tooling.branch])];
}

/** Props of {@link PullRequestChecks}. */
export interface PullRequestChecksProps {
  /** The validated platform configuration: repository, connection, environments. */
  readonly config: PlatformConfig;
  /** Key that encrypts the log group and the reports. */
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket the reports go to. */
  readonly artifactBucketName: string;
  /**
   * Repository roles trusted to open pull requests from forks and to allow a fork's check.
   * @default DEFAULT_FORK_APPROVER_ROLES (write, maintain, admin)
   */
  readonly forkApproverRoles?: readonly string[];
}

/**
 * Pull-request checks: one CodeBuild project whose webhook (over the GitHub connection) builds
 * every pull request opened, updated or reopened against an environment branch or the tooling
 * branch, runs `scripts/pr-check.sh` (the router's rules pick the sub-projects; lint, tests,
 * synth; flow lint; a read-only flow plan with its HTML report) and reports the result on the
 * pull request as a commit status.
 *
 * Forks: a pull request from a fork is not built until someone with one of
 * {@link PullRequestChecksProps.forkApproverRoles} comments `/codebuild_run(<commit>)`, for that
 * commit only (CodeBuild's pull-request build policy). The role can only read: it may assume the
 * environments' read-only flow-plan roles, never a deploy role.
 */
export class PullRequestChecks extends Construct {
  public readonly project: codebuild.Project;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PullRequestChecksProps) {
    super(scope, id);
    const { config } = props;
    const { tooling } = config;
    const environments = enabledEnvironments(config);
    this.role = new iam.Role(this, 'Role', {
      roleName: pullRequestCheckRoleName(tooling),
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: 'Pull-request checks: lint, tests, synth and read-only flow plans; never deploys',
    });
    if (environments.length > 0) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReadOnlyFlowPlan',
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: environments.map((e) => targetRoleArns(e).flowPlan),
        }),
      );
    }
    // CodeBuild reads the repository through the connection (CodeConnections' action, and the
    // CodeStar Connections name older connections use).
    // https://docs.aws.amazon.com/dtconsole/latest/userguide/security-iam.html#permissions-reference-connections
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadRepository',
        actions: ['codeconnections:UseConnection', 'codestar-connections:UseConnection'],
        resources: [tooling.connectionArn],
      }),
    );
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeGuardRule(
      this.logGroup,
      'cloudwatch_log_group_retention_period_check',
      'Build logs of pull-request checks, kept three months; the verdict stays on the pull request as a commit status.',
    );
    const bucket = s3.Bucket.fromBucketAttributes(this, 'ArtifactBucket', {
      bucketName: props.artifactBucketName,
      encryptionKey: props.encryptionKey,
    });
    const branches = checkedBaseBranches(config).map(escapeRegExp);
    this.project = new codebuild.Project(this, 'Project', {
      description:
        'Pull-request check: lint, tests, synth of the changed sub-projects and a read-only flow plan',
      role: this.role,
      encryptionKey: props.encryptionKey,
      source: codebuild.Source.gitHub({
        owner: tooling.owner,
        repo: tooling.repo,
        reportBuildStatus: true,
        buildStatusContext: 'amazon-connect-cicd/pr-check',
        webhook: true,
        webhookFilters: [
          codebuild.FilterGroup.inEventOf(
            codebuild.EventAction.PULL_REQUEST_CREATED,
            codebuild.EventAction.PULL_REQUEST_UPDATED,
            codebuild.EventAction.PULL_REQUEST_REOPENED,
          ).andBaseRefIs(`^refs/heads/(${branches.join('|')})$`),
        ],
      }),
      artifacts: codebuild.Artifacts.s3({
        bucket,
        path: PR_CHECK_REPORT_PREFIX,
        includeBuildId: true,
        packageZip: false,
        name: 'report',
      }),
      environment: {
        buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
        computeType: codebuild.ComputeType.SMALL,
      },
      environmentVariables: {
        [FLOW_PLAN_ROLES_VARIABLE]: {
          value: environments.map((e) => `${e.name}=${targetRoleArns(e).flowPlan}`).join(' '),
        },
      },
      logging: { cloudWatch: { logGroup: this.logGroup } },
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: {
          install: { 'runtime-versions': { nodejs: 20 } },
          build: { commands: [`bash ${PR_CHECK_SCRIPT}`] },
        },
        artifacts: { 'base-directory': PR_CHECK_REPORT_DIR, files: ['**/*'] },
      }),
    });
    const cfn = this.project.node.defaultChild as codebuild.CfnProject;
    // The repository is read through the platform's GitHub connection, not an OAuth token
    // (SourceAuth type CODECONNECTIONS, resource = connection ARN:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-sourceauth.html).
    cfn.addPropertyOverride('Source.Auth', { Type: 'CODECONNECTIONS', Resource: tooling.connectionArn });
    // Forks wait for a maintainer's `/codebuild_run(<commit>)` comment:
    // https://docs.aws.amazon.com/codebuild/latest/userguide/pull-request-build-policy.html
    cfn.addPropertyOverride('Triggers.PullRequestBuildPolicy', {
      RequiresCommentApproval: 'FORK_PULL_REQUESTS',
      ApproverRoles: [...(props.forkApproverRoles ?? DEFAULT_FORK_APPROVER_ROLES)],
    });
    acknowledgeArtifactGrants(this.role);
    acknowledgeBucketObjects(
      this.role,
      props.artifactBucketName,
      'Writes the HTML plan reports of pull-request checks to the artifact bucket.',
    );
    acknowledgeCodeBuildDefaults(this.project);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
