import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApp, type SynthesizedApp } from '@amzconnect/testing/synth';
import {
  addLambdaStacks,
  addLambdaStacksFor,
  FUNCTIONS_REGISTRY_FILE,
  KNOWN_FUNCTION_NAMES,
  loadFunctionsRegistry,
} from '../lib';

const INSTANCE_ARN_PARAM =
  'SsmParameterValueacmedevelopconnectinstancearnC96584B6F00A464EAD1953AFF4B05118Parameter';
const FLOW_BUCKET_PARAM =
  'SsmParameterValueacmedevelopinfraflowbucketnameC96584B6F00A464EAD1953AFF4B05118Parameter';
const TABLE_ARN_PARAM =
  'SsmParameterValueacmedevelopinfracustomertablearnC96584B6F00A464EAD1953AFF4B05118Parameter';
const TABLE_NAME_PARAM =
  'SsmParameterValueacmedevelopinfracustomertablenameC96584B6F00A464EAD1953AFF4B05118Parameter';

describe('lambdas stacks for the sample configuration', () => {
  let sample: SynthesizedApp;
  let template: Template;

  beforeAll(() => {
    // The sample turns no workload on: the functions of the registry only. Synthesized once per
    // test run and shared with the other readers of the sample's lambdas app.
    sample = synthesizedApp('amzconnect-lambdas', samplePlatform(), addLambdaStacks);
    template = sample.stacks[0].template;
  });

  it('adds one stack per enabled environment and Region, named <app>-lambdas-<env>-<region>', () => {
    expect(sample.stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['acme-lambdas-develop-us-east-1', '111111111111', 'us-east-1'],
      ['acme-lambdas-develop-us-west-2', '111111111111', 'us-west-2'],
      ['acme-lambdas-staging-us-east-1', '222222222222', 'us-east-1'],
      ['acme-lambdas-prod-us-east-1', '333333333333', 'us-east-1'],
    ]);
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(sample.findings).toEqual([]);
  });

  it('deploys every function on Node.js 24, arm64, with X-Ray tracing and its own log group', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(2);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/LogGroup/) } },
        Handler: 'index.handler',
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 90 }, 2);
  });

  it('gives no role a managed policy: each writes only to its own log group', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CustomerLookupLogGroup'), 'Arn'] },
          },
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^CustomerLookupRole') }],
    });
  });

  it('associates the flow-invoked functions, and only those, with the instance from SSM', () => {
    const associations = Object.values(template.findResources('AWS::Connect::IntegrationAssociation'));
    expect(associations).toHaveLength(2);
    for (const a of associations) {
      expect(a.Properties).toEqual({
        InstanceId: { Ref: INSTANCE_ARN_PARAM },
        IntegrationType: 'LAMBDA_FUNCTION',
        IntegrationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      });
    }
    const targets = associations
      .map((a) => (a.Properties.IntegrationArn['Fn::GetAtt'] as string[])[0])
      .sort();
    expect(targets).toEqual([
      expect.stringMatching(/^CustomerLookup[0-9A-F]{8}$/),
      expect.stringMatching(/^Mapping[0-9A-F]{8}$/),
    ]);
    template.hasParameter(INSTANCE_ARN_PARAM, {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/acme/develop/connect/instance-arn',
    });
  });

  it('lets Amazon Connect invoke those functions only from this instance and account', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map(
      (p) => p.Properties,
    );
    expect(permissions).toHaveLength(2);
    for (const p of permissions) {
      expect(p).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: {
          'Fn::GetAtt': [expect.stringMatching(/^(CustomerLookup|Mapping)[0-9A-F]{8}$/), 'Arn'],
        },
        Principal: 'connect.amazonaws.com',
        SourceAccount: '111111111111',
        SourceArn: { Ref: INSTANCE_ARN_PARAM },
      });
    }
  });

  it('lets the customer lookup only read the customer table (GetItem, the reference; recordCalls is false) and nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^CustomerLookupRole') }],
      PolicyDocument: {
        Statement: [
          { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: Match.anyValue(),
          },
          { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: { Ref: TABLE_ARN_PARAM } },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'customer-lookup',
          CUSTOMER_TABLE_NAME: { Ref: TABLE_NAME_PARAM },
          LOOKUP_TIMEOUT_MS: '2000',
          RECORD_CALLS: 'false',
        }),
      },
      Timeout: 6,
    });
  });

  it('lets the mapping function read only the mapping object of its environment', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^MappingRole') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'] }),
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
          {
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                ['arn:aws:s3:::', { Ref: FLOW_BUCKET_PARAM }, '/mappings/acme/develop/mapping.json'],
              ],
            },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MAPPING_BUCKET: { Ref: FLOW_BUCKET_PARAM },
          MAPPING_KEY: 'mappings/acme/develop/mapping.json',
        }),
      },
    });
  });

  it('publishes each function ARN and name under /<app>/<env>/lambdas/<name>/ and exports nothing', () => {
    for (const [name, id] of [
      ['customer-lookup', 'CustomerLookup'],
      ['mapping', 'Mapping'],
    ]) {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: `/acme/develop/lambdas/${name}/arn`,
        Type: 'String',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}[0-9A-F]{8}$`), 'Arn'] },
      });
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: `/acme/develop/lambdas/${name}/name`,
        Type: 'String',
        Value: { Ref: Match.stringLikeRegexp(`^${id}[0-9A-F]{8}$`) },
      });
    }
    expect(template.toJSON().Outputs ?? {}).toEqual({});
  });

  it('reads every upstream value from SSM parameters of its own environment', () => {
    const parameters = template.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    expect(
      Object.entries(parameters)
        .filter(([id, p]) => id !== 'BootstrapVersion' && p.Type === 'AWS::SSM::Parameter::Value<String>')
        .map(([, p]) => p)
        .map((p) => p.Default)
        .sort(),
    ).toEqual([
      '/acme/develop/connect/instance-arn',
      '/acme/develop/infra/customer-table-arn',
      '/acme/develop/infra/customer-table-name',
      '/acme/develop/infra/flow-bucket-name',
    ]);
  });
});

describe('customer lookup with "recordCalls": true (the documented switch)', () => {
  let template: Template;

  beforeAll(() => {
    // Prepare: the registry as shipped, with the switch on for customer-lookup
    const shipped = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
    const registry = {
      functions: shipped.functions.map((f) =>
        f.name === 'customer-lookup' ? { ...f, recordCalls: true } : f,
      ),
    };
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    const [stack] = addLambdaStacksFor(registry, app, samplePlatform(), { environments: ['develop'] });
    template = Template.fromStack(stack);
  });

  it('lets the lookup UpdateItem the customer table instead of GetItem, and tells the function', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^CustomerLookupRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 'dynamodb:UpdateItem', Effect: 'Allow', Resource: { Ref: TABLE_ARN_PARAM } },
        ]),
      },
    });
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^CustomerLookupRole') }] },
    });
    expect(JSON.stringify(policies)).not.toContain('dynamodb:GetItem');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'customer-lookup', RECORD_CALLS: 'true' }),
      },
    });
  });
});
