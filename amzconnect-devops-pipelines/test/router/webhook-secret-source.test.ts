import { createSecretsManagerClient } from '../../src/router/aws-clients';
import { createWebhookSecretSource } from '../../src/router/webhook-secret-source';
import { FAKE_AWS, FakeAwsJsonService } from './support/fake-aws-json-service';
import { SECRET_ARN, SecretsState, startFakeSecretsManager } from './support/fake-secrets-manager';

describe('createWebhookSecretSource (real Secrets Manager client, local JSON-protocol endpoint)', () => {
  let fake: FakeAwsJsonService;
  const state: SecretsState = { stages: {}, unavailable: false };
  const client = () => createSecretsManagerClient({ ...FAKE_AWS, endpoint: fake.endpoint, maxAttempts: 1 });

  beforeAll(async () => {
    fake = await startFakeSecretsManager(state);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    state.stages = {};
    state.unavailable = false;
  });

  it('returns the current version alone when the secret was never rotated', async () => {
    state.stages = { AWSCURRENT: 'current' };
    expect(await createWebhookSecretSource({ client: client(), secretId: SECRET_ARN })()).toEqual([
      'current',
    ]);
    expect(fake.calls.map((c) => [c.target, c.body.VersionStage])).toEqual(
      expect.arrayContaining([
        ['secretsmanager.GetSecretValue', 'AWSCURRENT'],
        ['secretsmanager.GetSecretValue', 'AWSPREVIOUS'],
      ]),
    );
  });

  it('returns current then previous during a rotation', async () => {
    state.stages = { AWSCURRENT: 'new', AWSPREVIOUS: 'old' };
    expect(await createWebhookSecretSource({ client: client(), secretId: SECRET_ARN })()).toEqual([
      'new',
      'old',
    ]);
  });

  it('drops one trailing newline, as left by --secret-string file://', async () => {
    state.stages = { AWSCURRENT: 'value\n' };
    expect(await createWebhookSecretSource({ client: client(), secretId: SECRET_ARN })()).toEqual(['value']);
  });

  it('caches values for the TTL and reads again after it', async () => {
    state.stages = { AWSCURRENT: 'one' };
    let now = 1_000;
    const source = createWebhookSecretSource({
      client: client(),
      secretId: SECRET_ARN,
      ttlMs: 60_000,
      now: () => now,
    });
    await source();
    state.stages = { AWSCURRENT: 'two', AWSPREVIOUS: 'one' };
    now += 59_999;
    expect(await source()).toEqual(['one']);
    expect(fake.calls).toHaveLength(2);
    now += 1;
    expect(await source()).toEqual(['two', 'one']);
    expect(fake.calls).toHaveLength(4);
  });

  it('throws when the current version cannot be read, and caches no failure', async () => {
    state.unavailable = true;
    const source = createWebhookSecretSource({ client: client(), secretId: SECRET_ARN });
    await expect(source()).rejects.toThrow();
    state.unavailable = false;
    state.stages = { AWSCURRENT: 'back' };
    expect(await source()).toEqual(['back']);
  });
});
