import { Aws, CfnResource, Stack } from 'aws-cdk-lib';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { iam5Resource, nagResourceName } from '../lib';

function newStack(): Stack {
  const app = createPlatformApp({ skipBundling: true, guard: false });
  return new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('nagResourceName', () => {
  it('renders Refs, GetAtts and joins the way cdk-nag names resources', () => {
    const stack = newStack();
    // The pseudo parameter, and the literal a stack with a known Region renders (enablePartitionLiterals).
    expect(nagResourceName(stack, `arn:${Aws.PARTITION}:s3:::bucket/*`)).toBe(
      'arn:<AWS::Partition>:s3:::bucket/*',
    );
    expect(nagResourceName(stack, `arn:${stack.partition}:s3:::bucket/*`)).toBe('arn:aws:s3:::bucket/*');
    const thing = new CfnResource(stack, 'Thing', { type: 'AWS::SNS::Topic' });
    expect(nagResourceName(stack, `${thing.ref}/*`)).toBe(`<${stack.getLogicalId(thing)}>/*`);
    expect(nagResourceName(stack, thing.getAtt('TopicArn').toString())).toBe(
      `<${stack.getLogicalId(thing)}.TopicArn>`,
    );
    expect(iam5Resource(stack, 'plain')).toBe('AwsSolutions-IAM5[Resource::plain]');
  });
});
