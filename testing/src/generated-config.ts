import {
  DEFAULT_PLATFORM_PREFIX,
  defaultEnvironmentSettings,
  Environment,
  PlatformConfig,
} from '@amzconnect/env';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-2', 'ap-southeast-2', 'ca-central-1'];

/** A valid configuration with `envCount` enabled environments of `regionCount` Regions each. */
export function generatedConfig(envCount: number, regionCount: number): PlatformConfig {
  const environments: Environment[] = Array.from({ length: envCount }, (_, i) => ({
    name: `env${i}`,
    branch: `branch-${i}`,
    enabled: true,
    account: String(100000000000 + i),
    regions: REGIONS.slice(0, regionCount),
    app: 'acme',
    approval: i % 2 === 1,
    existingInstances: {},
    settings: defaultEnvironmentSettings(`/generated/environments/env${i}.json`),
    allowSharedAccountRegion: false,
    bootstrapQualifier: 'hnb659fds',
    platformPrefix: DEFAULT_PLATFORM_PREFIX,
    accountUniqueNames: false,
  }));
  return {
    configDir: '/generated',
    notices: [],
    environments,
    tooling: {
      name: 'devops',
      account: '999999999999',
      region: 'us-east-1',
      connectionArn:
        'arn:aws:codestar-connections:us-east-1:999999999999:connection/00000000-0000-4000-8000-000000000000',
      owner: 'example-org',
      repo: 'amazon-connect-cicd',
      branch: 'main',
      email: 'ops@example.com',
      bootstrapQualifier: 'hnb659fds',
      platformPrefix: DEFAULT_PLATFORM_PREFIX,
    },
  };
}
