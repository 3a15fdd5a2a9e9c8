import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createPlatformApp } from '../src';
import { synthFindings } from '@amzconnect/testing';

const ENV = { account: '111111111111', region: 'us-east-1' };

describe('createPlatformApp', () => {
  it('fails synthesis on a cdk-nag finding and names the rule and construct', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new s3.Bucket(stack, 'Plain');

    expect(synthFindings(app)).toEqual(
      expect.arrayContaining([
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S1', path: 'S/Plain/Resource', severity: 'error' },
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S10', path: 'S/Plain/Resource', severity: 'error' },
      ]),
    );
  });

  it('fails synthesis on a value CloudFormation would reject, before any deployment', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: 17 });

    expect(() => app.synth()).toThrow(/RetentionInDays: 17 is not one of/);
  });

  it('accepts an acknowledged finding on that construct only', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    const logsBucket = new s3.Bucket(stack, 'AccessLogs', { enforceSSL: true });
    new s3.Bucket(stack, 'Data', { enforceSSL: true, serverAccessLogsBucket: logsBucket });
    const { Validations } = jest.requireActual('aws-cdk-lib') as typeof import('aws-cdk-lib');
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Destination of the access logs.',
    });

    expect(synthFindings(app)).toEqual([]);
  });
});
