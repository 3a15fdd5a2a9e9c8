import { samplePlatform } from '@amzconnect/testing';
import { cfnExecutionPolicyStatements } from '../../lib/cfn-execution-policy';
import { evaluateRequest, IamRequest } from './evaluate-request';
import type { PolicyDocument } from './synthesized-templates';

// The sample leaves every workload off, so the deploy-path evaluation never meets these
// requests; they are what CloudFormation asks for the email agent security profile and the
// agent-guides SES template of examples/all-workloads.
describe('the execution policy on the workload resources the sample does not deploy', () => {
  const env = samplePlatform().environments[0];
  const region = env.regions[0];
  const role = {
    arn: `arn:aws:iam::${env.account}:role/${env.app}-cfn-exec`,
    policies: [
      {
        name: 'execution',
        policy: {
          Version: '2012-10-17',
          Statement: cfnExecutionPolicyStatements(env).map((s) => s.toStatementJson()),
        } as PolicyDocument,
      },
    ],
  };
  const decide = (action: string, resource: string) =>
    evaluateRequest(role, { action, resource, context: { 'aws:RequestedRegion': region } } as IamRequest);
  const instance = `arn:aws:connect:${region}:${env.account}:instance/a1b2c3d4`;
  const application = `arn:aws:app-integrations:${region}:${env.account}:application/e5f6a7b8`;
  const template = (name: string) => `arn:aws:ses:${region}:${env.account}:template/${name}`;

  it('lets CloudFormation create and update a security profile that gives a third-party application', async () => {
    for (const action of ['connect:CreateSecurityProfile', 'connect:UpdateSecurityProfile']) {
      expect(await decide(action, `${instance}/security-profile/1a2b`)).toBe('Allowed');
      // Connect also authorizes these on the application the profile names.
      expect(await decide(action, application)).toBe('Allowed');
    }
    expect(await decide('connect:DeleteSecurityProfile', `${instance}/security-profile/1a2b`)).toBe(
      'Allowed',
    );
  });

  it("lets CloudFormation manage SES templates under the app's prefix only (v2 actions), and the v1 actions on *", async () => {
    for (const action of ['ses:CreateEmailTemplate', 'ses:UpdateEmailTemplate', 'ses:DeleteEmailTemplate']) {
      expect(await decide(action, template(`${env.app}-cancellation-notice`))).toBe('Allowed');
      expect(await decide(action, template('someone-elses-template'))).toBe('ImplicitlyDenied');
    }
    for (const action of [
      'ses:CreateTemplate',
      'ses:GetTemplate',
      'ses:UpdateTemplate',
      'ses:DeleteTemplate',
    ])
      expect(await decide(action, '*')).toBe('Allowed');
  });
});
