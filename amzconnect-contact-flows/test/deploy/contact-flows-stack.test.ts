import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp, loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { synthFindings } from '@amzconnect/testing';
import { addContactFlowStacksFor, ContactFlowsStack, writeFlowBundleFile } from '../../lib';
import { parseFlowBundle } from '../../src/deploy/flow-bundle';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

const platform = loadPlatformConfig(path.join(REPO_ROOT, 'env'));
const documents = [inboundFlow('Main', { module: 'Greeting' }), messageModule('Greeting')];

describe('addContactFlowStacks', () => {
  it('adds one stack per enabled environment and Region named <app>-contact-flows-<env>-<region>, without cdk-nag findings', () => {
    // Prepare
    const app = createPlatformApp({
      skipBundling: true,
      outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'flows-synth-')),
    });

    // Act
    const stacks = addContactFlowStacksFor(documents, app, platform);

    // Assess
    expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['acme-contact-flows-develop-us-east-1', '111111111111', 'us-east-1'],
      ['acme-contact-flows-develop-us-west-2', '111111111111', 'us-west-2'],
      ['acme-contact-flows-staging-us-east-1', '222222222222', 'us-east-1'],
      ['acme-contact-flows-prod-us-east-1', '333333333333', 'us-east-1'],
    ]);
    expect(synthFindings(app)).toEqual([]);
  });

  it('hands the bundle to the provisioner whose ARN the lambdas stack publishes in SSM, and retains it on delete', () => {
    // Prepare
    const app = createPlatformApp({ skipBundling: true });
    const [stack] = addContactFlowStacksFor(documents, app, platform, { environments: ['staging'] });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    template.hasParameter('*', {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/acme/staging/lambdas/flow-provisioner/arn',
    });
    template.hasResource('Custom::ContactFlows', {
      DeletionPolicy: 'Retain',
      Properties: {
        ServiceToken: { Ref: Match.stringLikeRegexp('flowprovisioner') },
        App: 'acme',
        Env: 'staging',
        BundleBucket: Match.anyValue(),
        BundleKey: Match.stringLikeRegexp('\\.json$'),
        BundleHash: (stack as ContactFlowsStack).bundle.assetHash,
        CreateFlowVersions: 'false',
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
