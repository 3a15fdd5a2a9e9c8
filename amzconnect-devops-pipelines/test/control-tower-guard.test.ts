import * as path from 'path';
import { loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { GUARD_PLUGIN_NAME, type GuardMetadata } from '@amzconnect/env/cdk';
import { synthesizedApps, type SynthesizedApp } from '@amzconnect/testing/synth';
import { APPS } from '../src/cli/synth-all';

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: { guard?: GuardMetadata };
}

/** Every resource of every template of an app, by `<stack name>/<logical id>`. */
function resourcesOf(app: SynthesizedApp): [string, Resource][] {
  return app.stacks.flatMap((s) =>
    Object.entries((s.json as { Resources: Record<string, Resource> }).Resources).map(
      ([id, r]) => [`${s.stackName}/${id}`, r] as [string, Resource],
    ),
  );
}

/**
 * Every app, synthesized as `npm run synth` does (cdk-nag and cfn-guard with the AWS Control Tower
 * proactive controls; bundling skipped), for the sample configuration and for the one with every
 * workload on. The syntheses are shared with the other test files that read the same apps.
 */
describe.each([
  ['the sample configuration', path.join(REPO_ROOT, 'env'), false],
  ['every workload on', path.join(REPO_ROOT, 'examples', 'all-workloads'), true],
])('all apps, %s', (_name, configDir, emailChannel) => {
  let results: SynthesizedApp[];
  let resources: [string, Resource][];

  beforeAll(() => {
    results = synthesizedApps(
      APPS.map((a) => ({ name: a.folder, addStacks: a.load() })),
      loadPlatformConfig(configDir),
    );
    resources = results.flatMap(resourcesOf);
  }, 1_200_000);

  it('have no unacknowledged cdk-nag or cfn-guard finding', () => {
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  it('give every cfn-guard acknowledgement a reason, in the report and in the template', () => {
    const acknowledged = results.flatMap((r) => r.acknowledged);
    const guard = acknowledged.filter((f) => f.plugin === GUARD_PLUGIN_NAME);
    const inTemplates = resources.flatMap(([id, r]) =>
      (r.Metadata?.guard?.SuppressedRules ?? []).map((rule) => [id, rule, r.Metadata?.guard?.Reasons[rule]]),
    );

    expect(guard.length).toBeGreaterThan(0);
    expect(guard.filter((f) => f.reason.trim() === '')).toEqual([]);
    expect(inTemplates.filter(([, , reason]) => !reason || reason.trim() === '')).toEqual([]);
  });

  it('encrypt every log group with a KMS key', () => {
    const groups = resources.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');

    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter(([, r]) => r.Properties?.KmsKeyId === undefined).map(([id]) => id)).toEqual([]);
  });

  it('disable ACLs and keep versions on every bucket, access-log buckets included', () => {
    const buckets = resources.filter(([, r]) => r.Type === 'AWS::S3::Bucket');

    expect(buckets.length).toBeGreaterThan(0);
    for (const [id, b] of buckets) {
      // The one exception: CloudFront standard logging (legacy) delivers through an ACL grant to
      // the awslogsdelivery account, so the email agent page's log bucket keeps ACLs on
      // (CloudFront developer guide, "Configure standard logging (legacy)", Permissions).
      const cloudFrontLogs = /\/EmailChannelAgentPageAccessLogs[0-9A-F]{8}$/.test(id);
      expect([id, b.Properties?.OwnershipControls]).toEqual([
        id,
        { Rules: [{ ObjectOwnership: cloudFrontLogs ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' }] },
      ]);
      expect([id, b.Properties?.VersioningConfiguration]).toEqual([id, { Status: 'Enabled' }]);
    }
  });

  it('keep mail on SSE-KMS with its own key, which SES may use only through S3', () => {
    const mail = resources.filter(
      ([id, r]) => r.Type === 'AWS::S3::Bucket' && /\/EmailChannelMailBucket/.test(id),
    );
    const keys = resources.filter(([id]) => /\/EmailChannelMailKey/.test(id));

    expect(mail.length).toBe(keys.length);
    expect(mail.length > 0).toBe(emailChannel);
    for (const [id, bucket] of mail) {
      const stack = id.split('/')[0];
      const [keyId, key] = keys.find(([k]) => k.startsWith(`${stack}/`))!;
      expect(bucket.Properties!.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [keyId.split('/')[1], 'Arn'] },
          },
        },
      ]);
      expect(
        key.Properties!.KeyPolicy.Statement.find(
          (s: { Sid?: string }) => s.Sid === 'SesStoresReceivedMailThroughS3',
        ),
      ).toEqual({
        Sid: 'SesStoresReceivedMailThroughS3',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': expect.stringMatching(/^s3\.[a-z0-9-]+\.amazonaws\.com$/) },
          StringEqualsIfExists: { 'aws:SourceAccount': expect.stringMatching(/^\d{12}$/) },
        },
      });
    }
  });
});
