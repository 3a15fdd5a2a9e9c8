import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Environment } from '@amzconnect/env';
import { nagPartition } from './nag-acknowledgements';

/**
 * Acknowledges, on one execution policy, the wildcards the derived statements keep, each with
 * the reason it cannot be narrower. Resources named by CloudFormation at deploy time can only be
 * matched by the name prefix CloudFormation gives them (the stack name, which starts with the
 * app); resources whose ids the service generates can only be matched by account.
 */
export function acknowledgeExecutionPolicy(
  policy: iam.ManagedPolicy,
  env: Pick<Environment, 'app' | 'name' | 'account' | 'bootstrapQualifier' | 'regions'>,
): void {
  const p = nagPartition(policy);
  const a = env.account;
  const generatedIds: Record<string, string> = {
    [`arn:${p}:connect:*:${a}:instance/*`]:
      'Connect instance ids (and their queues, hours, flows) are generated.',
    [`arn:${p}:ds:*:${a}:directory/*`]: 'The directory of a CONNECT_MANAGED instance has a generated id.',
    [`arn:${p}:kms:*:${a}:key/*`]: 'Key ids are generated when the stacks create their keys.',
    [`arn:${p}:lex:*:${a}:bot/*`]: 'Lex bot ids are generated.',
    [`arn:${p}:lex:*:${a}:bot-alias/*`]: 'Lex bot alias ids are generated.',
    [`arn:${p}:ses:*:${a}:identity/*`]:
      'The e-mail identity is the configured domain of the email-channel workload.',
    [`arn:${p}:ses:*:${a}:template/${env.app}-*`]:
      "The agent-guides notice template: named in the environment's config, which refuses a name without the app prefix where the stack creates it.",
    [`arn:${p}:cloudfront::${a}:distribution/*`]:
      "The email agent page's distribution: CloudFront generates its id; CloudFront ARNs have no Region.",
    [`arn:${p}:cloudfront::${a}:origin-access-control/*`]:
      "The email agent page's origin access control: CloudFront generates its id.",
    [`arn:${p}:cloudfront::${a}:response-headers-policy/*`]:
      "The email agent page's security-headers policy: CloudFront generates its id.",
    [`arn:${p}:app-integrations:*:${a}:application/*`]:
      "The email agent page's agent-workspace application: AppIntegrations generates its id.",
    [`arn:${p}:lambda:*:${a}:layer:*`]:
      "CDK's BucketDeployment AWS CLI layer (email agent page): CloudFormation generates the layer name.",
    [`arn:${p}:states:*:${a}:stateMachine:*`]:
      "The contact-flows stack's Provider framework waiter: CloudFormation names it after its logical id, not the app.",
    [`arn:${p}:apigateway:*::/apis`]:
      'Creating an HTTP API (the collection); any of the environment Regions.',
    [`arn:${p}:apigateway:*::/apis/*`]: 'HTTP API ids are generated.',
    [`arn:${p}:apigateway:*::/tags/*`]: 'Tags of the HTTP APIs above.',
    [`arn:${p}:iam::${a}:role/aws-service-role/*`]:
      'CreateServiceLinkedRole only, limited by iam:AWSServiceName to Amazon Connect.',
    [`arn:${p}:iam::${a}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_*`]:
      "Connect's service-linked role is suffixed with a generated id; Connect adds one policy per associated resource.",
  };
  const prefixed = [
    `arn:${p}:ses:*:${a}:configuration-set/${env.app}-*`,
    `arn:${p}:dynamodb:*:${a}:table/${env.app}-*`,
    `arn:${p}:lambda:*:${a}:function:${env.app}-*`,
    `arn:${p}:logs:*:${a}:log-group:${env.app}-*`,
    `arn:${p}:logs:*:${a}:log-group:/aws/lambda/${env.app}-*`,
    `arn:${p}:logs:*:${a}:log-group:/aws/connect/${env.app}-*`,
    `arn:${p}:s3:::${env.app}-*`,
    `arn:${p}:sns:*:${a}:${env.app}-*`,
    `arn:${p}:sqs:*:${a}:${env.app}-*`,
    `arn:${p}:iam::${a}:role/${env.app}-*`,
  ];
  const acks: [string, string][] = [
    [
      'Resource::*',
      'Only the actions the Service Authorization Reference lists without a resource type (CreateKey, CreateInstance, SES receipt rules and v1 templates, directory checks, the CloudFront Create actions), limited to the environment Regions (CloudFront to its us-east-1 endpoint).',
    ],
    ...Object.entries(generatedIds).map(([r, reason]) => [`Resource::${r}`, reason] as [string, string]),
    ...prefixed.map(
      (r) =>
        [
          `Resource::${r}`,
          `CloudFormation names these resources after their stack, and every ${env.name} stack name starts with "${env.app}-"; roles additionally require the workload boundary.`,
        ] as [string, string],
    ),
    [
      `Resource::arn:${p}:profile:*:${a}:domains/amazon-connect-${env.app}-*`,
      `The instance's Customer Profiles domain, named amazon-connect-<instance alias> (the prefix Connect's service-linked role reaches; aliases start with "${env.app}-"), and its integrations under it; one per instance and Region.`,
    ],
    [
      `Resource::arn:${p}:ssm:*:${a}:parameter/${env.app}/${env.name}/*`,
      `The parameters the ${env.name} stacks publish, under their own prefix.`,
    ],
    ...env.regions.map(
      (region) =>
        [
          `Resource::arn:${p}:s3:::cdk-${env.bootstrapQualifier}-assets-${a}-${region}/*`,
          'Function code objects in the CDK assets bucket; keys are content hashes.',
        ] as [string, string],
    ),
  ];
  for (const [finding, reason] of acks) {
    Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}
