import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { samplePlatform } from '@amzconnect/testing';
import { WorkloadBoundaryPolicy } from '../../lib/workload-boundary-policy';
import { evaluateRequest, IamRequest } from './evaluate-request';
import type { PolicyDocument } from './synthesized-templates';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-develop-function`;

/** The boundary's synthesized document (it has no intrinsics: every statement is on `*`). */
function boundaryDocument(): PolicyDocument {
  const develop = samplePlatform().environments.find((e) => e.name === 'develop')!;
  const stack = new Stack(new App(), 'Boundary', { env: { account: ACCOUNT, region: REGION } });
  new WorkloadBoundaryPolicy(stack, 'WorkloadBoundary', { environment: develop });
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument as PolicyDocument;
}

/** What the boundary lets a role do: the boundary evaluated as the role's only policy. */
async function decisions(boundary: PolicyDocument, requests: readonly IamRequest[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of requests)
    out.push(
      `${r.action}: ${await evaluateRequest({ arn: ROLE, policies: [{ name: 'b', policy: boundary }] }, r)}`,
    );
  return out;
}

describe('workload permissions boundary', () => {
  let boundary: PolicyDocument;

  beforeAll(() => {
    boundary = boundaryDocument();
  });

  it('lets no role send through Amazon Pinpoint (mobiletargeting:SendMessages): SMS goes through End User Messaging only', async () => {
    // Act
    const result = await decisions(boundary, [
      {
        action: 'mobiletargeting:SendMessages',
        resource: `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/0123456789abcdef0123456789abcdef/messages`,
      },
    ]);
    // Assess
    expect(result).toEqual(['mobiletargeting:SendMessages: ImplicitlyDenied']);
  });

  it('still lets the workloads send SMS with End User Messaging and mail with SES', async () => {
    // Act
    const result = await decisions(boundary, [
      {
        action: 'sms-voice:SendTextMessage',
        resource: `arn:aws:sms-voice:${REGION}:${ACCOUNT}:phone-number/phone-00000000000000000000000000000000`,
      },
      { action: 'ses:SendEmail', resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/mail.acme.test` },
    ]);
    // Assess
    expect(result).toEqual(['sms-voice:SendTextMessage: Allowed', 'ses:SendEmail: Allowed']);
  });
});
