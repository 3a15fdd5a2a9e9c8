import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings } from '@amzconnect/testing/synth';
import { addContactFlowStacksFor, ContactFlowsStack, writeFlowBundleFile } from '../../lib';
import { parseFlowBundle } from '../../src/deploy/flow-bundle';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

const platform = loadPlatformConfig(path.join(REPO_ROOT, 'env'));
const documents = [inboundFlow('Main', { module: 'Greeting' }), messageModule('Greeting')];

describe('addContactFlowStacks', () => {
  // One synthesized staging stack shared by the template and cdk-nag assertions.
  let outdir: string;
  let stack: ContactFlowsStack;
  let template: Template;
  let findings: ReturnType<typeof synthFindings>;

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-synth-'));
    const app = createPlatformApp({ skipBundling: true, guard: false, outdir });
    [stack] = addContactFlowStacksFor(documents, app, platform, { environments: ['staging'] });
    template = Template.fromStack(stack);
    findings = synthFindings(app);
  });

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('synthesizes without cdk-nag or template findings (provider framework included)', () => {
    expect(findings).toEqual([]);
  });

  it('adds one stack per enabled environment and Region named <app>-contact-flows-<env>-<region>', () => {
    // Prepare
    const app = createPlatformApp({ skipBundling: true, guard: false });

    // Act
    const stacks = addContactFlowStacksFor(documents, app, platform);

    // Assess
    expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['acme-contact-flows-develop-us-east-1', '111111111111', 'us-east-1'],
      ['acme-contact-flows-develop-us-west-2', '111111111111', 'us-west-2'],
      ['acme-contact-flows-staging-us-east-1', '222222222222', 'us-east-1'],
      ['acme-contact-flows-prod-us-east-1', '333333333333', 'us-east-1'],
    ]);
  });

  it('ships its own provisioner: Provider framework with isComplete polling, scoped permissions, ServiceTimeout set', () => {
    // Assess
    const instanceParts = [
      'arn:aws:connect:us-east-1:222222222222:instance/',
      { Ref: Match.stringLikeRegexp('SsmParameterValueacmestagingconnectinstanceid') },
    ];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^FlowProvisionerRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'ConnectFlowsOfThisInstance',
            Effect: 'Allow',
            // Sorted: @aws-cdk/aws-iam:minimizePolicies orders actions.
            Action: [
              'connect:CreateContactFlow',
              'connect:CreateContactFlowModule',
              'connect:CreateContactFlowVersion',
              'connect:Describe*',
              'connect:List*',
              'connect:SearchContactFlowModules',
              'connect:SearchContactFlows',
              'connect:TagResource',
              'connect:UpdateContactFlowContent',
              'connect:UpdateContactFlowMetadata',
              'connect:UpdateContactFlowModuleContent',
              'connect:UpdateContactFlowModuleMetadata',
              'connect:UpdateContactFlowName',
            ],
            Resource: [{ 'Fn::Join': ['', [...instanceParts, '/*']] }, { 'Fn::Join': ['', instanceParts] }],
          },
          {
            Sid: 'RunLock',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource:
              'arn:aws:s3:::cdk-hnb659fds-assets-222222222222-us-east-1/amzconnect/connect-run-lock.json',
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.isComplete',
      Timeout: 900,
      MemorySize: 1024,
      Environment: { Variables: { RUN_LOCK_BUCKET: 'cdk-hnb659fds-assets-222222222222-us-east-1' } },
    });
    template.hasResource('Custom::ContactFlows', {
      Properties: Match.objectLike({ ServiceTimeout: '3600' }),
    });
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });

  it('hands the bundle to its own provisioner, with the instance, bucket and mapping function from SSM, and retains it on delete', () => {
    // Assess
    for (const name of [
      '/acme/staging/connect/instance-id',
      '/acme/staging/infra/flow-bucket-name',
      '/acme/staging/lambdas/mapping/arn',
    ])
      template.hasParameter('*', { Type: 'AWS::SSM::Parameter::Value<String>', Default: name });
    template.hasResource('Custom::ContactFlows', {
      DeletionPolicy: 'Retain',
      Properties: {
        ServiceToken: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^FlowProvisionerProviderframeworkonEvent'), 'Arn'],
        },
        App: 'acme',
        Env: 'staging',
        BundleBucket: Match.anyValue(),
        BundleKey: Match.stringLikeRegexp('\\.json$'),
        BundleHash: stack.bundle.assetHash,
        CreateFlowVersions: 'false',
        Adopt: '',
        OnDrift: 'overwrite',
      },
    });
  });

  it('changes the bundle hash when a flow changes, and only then', () => {
    // Prepare
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));

    // Act
    const first = writeFlowBundleFile(documents, undefined, dir);
    const reordered = writeFlowBundleFile([...documents].reverse(), undefined, dir);
    const changed = writeFlowBundleFile([withText(documents[0], 'Hello'), documents[1]], undefined, dir);

    // Assess
    expect(reordered).toBe(first);
    expect(changed).not.toBe(first);
    expect(parseFlowBundle(fs.readFileSync(first, 'utf8')).documents.map((d) => d.name)).toEqual([
      'Main',
      'Greeting',
    ]);
  });
});
