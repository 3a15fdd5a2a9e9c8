import { ConfigError } from '@amzconnect/env';
import {
  AgentGuidesConfig,
  AgentGuidesEnvironment,
  agentGuidesTarget,
  parseAgentGuidesConfig,
} from '../../../lib/workloads/agent-guides/agent-guides-config';
import { sesTemplateOwnerProblems } from '../../../lib/workloads/agent-guides/ses-template-owners';
import { examplePlatform, exampleWorkloads } from '../../support/example-config';

const platform = examplePlatform();

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('the agent guides of examples/all-workloads', () => {
  const config: AgentGuidesConfig = {
    environments: {
      develop: exampleWorkloads(platform)
        .settings.get('agent-guides')
        ?.get('develop') as AgentGuidesEnvironment,
    },
  };

  it('enables the guide for develop only', () => {
    expect(Object.keys(config.environments)).toEqual(['develop']);
    expect(agentGuidesTarget(config, 'staging', 'us-east-1')).toBeUndefined();
    expect(agentGuidesTarget(config, 'prod', 'us-east-1')).toBeUndefined();
  });

  it('gives us-east-1 an SMS origination identity and leaves us-west-2 without one (the NOT_CONFIGURED path)', () => {
    expect(agentGuidesTarget(config, 'develop', 'us-east-1')).toEqual({
      customerProfilesEnabled: true,
      email: {
        identity: 'example.com',
        fromAddress: 'cancellations@example.com',
        template: 'acme-cancellation-notice',
        manageTemplate: true,
        configurationSet: 'acme-agent-guides',
      },
      sms: {
        originationIdentity: 'phone-00000000000000000000000000000000',
        messageTemplate:
          'ACME: Hi {{CustomerName}}, booking {{Reference}} is cancelled from {{CancellationDate}}. Reply STOP to opt out.',
      },
      links: [{ label: 'Cancellation policy', url: 'https://www.example.com/cancellation-policy' }],
    });
    expect(agentGuidesTarget(config, 'develop', 'us-west-2')?.sms).toBeUndefined();
  });
});

describe('parseAgentGuidesConfig', () => {
  it('reports every problem with its file, field and fix', () => {
    // Prepare
    const raw = {
      environments: {
        develop: {
          enabled: true,
          customerProfilesEnabled: 'yes',
          email: { identity: 'Example.com', fromAddress: 'x@other.com', template: 'bad name', extra: 1 },
          sms: {
            originationIdentities: {
              'eu-west-1': 'phone-0123456789abcdef0123456789abcdef',
              'us-east-1': '+12065550100',
            },
            messageTemplate: 'Hi {{FirstName}}',
          },
          links: [{ label: '', url: 'http://example.com' }],
        },
        qa: { enabled: true },
        staging: { enabled: 'no' },
      },
      version: 2,
    };
    // Act
    const problems = problemsOf(() => parseAgentGuidesConfig(raw, 'agent-guides.json', platform));
    // Assess
    expect(problems).toEqual([
      'agent-guides.json: version: is not a known key; remove it (the only key is "environments").',
      'agent-guides.json: environments.develop.customerProfilesEnabled: must be true when Customer Profiles is enabled on the instance (the guide pre-fills its forms from it), else false.',
      'agent-guides.json: environments.develop.email.extra: is not a known key; remove it or fix its spelling (known keys: identity, fromAddress, template, manageTemplate, configurationSet).',
      'agent-guides.json: environments.develop.email.identity: must be the SES identity verified in each Region of the environment: a lowercase domain ("example.com") or an address.',
      'agent-guides.json: environments.develop.email.template: must be an SES template name: 1-64 letters, digits, _ or -.',
      'agent-guides.json: environments.develop.sms.originationIdentities.eu-west-1: is not a Region of this environment (us-east-1, us-west-2); remove it or fix the Region.',
      'agent-guides.json: environments.develop.sms.originationIdentities.us-east-1: must be a phone number id ("phone-" and 32 hex digits) or a pool id ("pool-" and 32 hex digits) from AWS End User Messaging SMS in that Region.',
      'agent-guides.json: environments.develop.sms.messageTemplate: uses unknown placeholders {{FirstName}}; the fields are {{CustomerName}}, {{CancellationDate}}, {{Reference}}.',
      'agent-guides.json: environments.develop.links[0].label: must be a text of 1-60 characters.',
      'agent-guides.json: environments.develop.links[0].url: must be an https:// URL.',
      'agent-guides.json: environments.qa: is not an environment of env/accountvars.json; use one of develop, staging, prod or remove it.',
      'agent-guides.json: environments.staging.enabled: must be true (deploy the guide here) or false.',
    ]);
  });

  it('refuses a sender outside the identity', () => {
    const raw = {
      environments: {
        develop: {
          enabled: true,
          customerProfilesEnabled: false,
          email: { identity: 'example.com', fromAddress: 'x@other.com', template: 'acme-t' },
        },
      },
    };
    expect(problemsOf(() => parseAgentGuidesConfig(raw, 'f.json', platform))).toEqual([
      'f.json: environments.develop.email.fromAddress: must be an address of the identity "example.com" (SES sends only from verified identities), e.g. "cancellations@example.com".',
    ]);
  });

  it('refuses pre-filling from Customer Profiles in an environment whose instance has no domain', () => {
    // Prepare: examples/all-workloads asks for a domain in develop only.
    const raw = { environments: { staging: { enabled: true, customerProfilesEnabled: true } } };

    // Act
    const problems = problemsOf(() => parseAgentGuidesConfig(raw, 'f.json', platform));

    // Assess
    const staging = platform.environments.find((e) => e.name === 'staging')!;
    expect(problems).toEqual([
      `f.json: environments.staging.customerProfilesEnabled: is true, but environment "staging" has no Customer Profiles domain, so the guide's profile lookup would always fail; add "customerProfiles": {} to the "instance" section of ${staging.settings.file} (the instance stack then creates the domain and integrates it with the instance), or "customerProfiles": { "existingDomainName": "<domain>" } to adopt one, or set customerProfilesEnabled to false.`,
    ]);
    expect(
      parseAgentGuidesConfig(
        { environments: { develop: { enabled: true, customerProfilesEnabled: true } } },
        'f.json',
        platform,
      ).environments.develop.customerProfilesEnabled,
    ).toBe(true);
  });

  it("creates the SES template by default, only under the app's prefix; takes any name the adopter keeps", () => {
    const withEmail = (email: Record<string, unknown>) => ({
      environments: {
        develop: {
          enabled: true,
          customerProfilesEnabled: false,
          email: { identity: 'example.com', fromAddress: 'notices@example.com', ...email },
        },
      },
    });
    expect(
      problemsOf(() =>
        parseAgentGuidesConfig(withEmail({ template: 'cancellation-notice' }), 'f.json', platform),
      ),
    ).toEqual([
      'f.json: environments.develop.email.template: is "cancellation-notice", which the stack would create ("manageTemplate" is true): start it with "acme-" (e.g. "acme-cancellation-notice"), or set "manageTemplate": false to use a template you keep yourself.',
    ]);
    expect(
      problemsOf(() =>
        parseAgentGuidesConfig(
          withEmail({ template: 'acme-notice', manageTemplate: 'yes' }),
          'f.json',
          platform,
        ),
      ),
    ).toEqual([
      'f.json: environments.develop.email.manageTemplate: must be true (the stack creates the template from config/templates/agent-guides/cancellation-notice/) or false (a template you keep yourself), or be left out (true).',
    ]);
    const adopted = parseAgentGuidesConfig(
      withEmail({ template: 'cancellation-notice', manageTemplate: false }),
      'f.json',
      platform,
    );
    expect(adopted.environments.develop.email?.manageTemplate).toBe(false);
    const managed = parseAgentGuidesConfig(withEmail({ template: 'acme-notice' }), 'f.json', platform);
    expect(managed.environments.develop.email?.manageTemplate).toBe(true);
  });

  it('accepts an enabled environment with no sender at all: it deploys and answers NOT_CONFIGURED', () => {
    const config = parseAgentGuidesConfig(
      { environments: { staging: { enabled: true, customerProfilesEnabled: false } } },
      'f.json',
      platform,
    );
    expect(agentGuidesTarget(config, 'staging', 'us-east-1')).toEqual({
      customerProfilesEnabled: false,
      links: [],
    });
  });
});

describe('sesTemplateOwnerProblems', () => {
  const [develop, staging] = platform.environments;
  const email = (template: string, manageTemplate: boolean) => ({
    customerProfilesEnabled: false,
    email: { identity: 'example.com', fromAddress: 'notices@example.com', template, manageTemplate },
    links: [],
  });
  const at = (environment: typeof develop, settings: AgentGuidesEnvironment) => ({
    environment,
    settings,
    file: `environments/${environment.name}.json`,
    field: 'workloads.agent-guides',
  });

  it('refuses a second environment creating the same template in the same account and Region', () => {
    // Prepare: staging moved into develop's account and Regions
    const neighbour = { ...staging, account: develop.account, regions: develop.regions };
    // Act
    const problems = sesTemplateOwnerProblems([
      at(develop, email('acme-notice', true)),
      at(neighbour, email('acme-notice', true)),
    ]);
    // Assess
    expect(problems).toEqual([
      {
        file: 'environments/staging.json',
        field: 'workloads.agent-guides.email.template',
        message:
          'environment "staging" would create the SES template "acme-notice" in account 111111111111 again in us-east-1 (created by "develop"), us-west-2 (created by "develop"); a template name exists once per account and Region: name this environment\'s template differently (e.g. "acme-notice-staging"), or set "manageTemplate": false to use that one.',
      },
    ]);
  });

  it('accepts the same name in another account, under another name, or adopted', () => {
    const neighbour = { ...staging, account: develop.account, regions: develop.regions };
    expect(
      sesTemplateOwnerProblems([
        at(develop, email('acme-notice', true)),
        at(staging, email('acme-notice', true)),
      ]),
    ).toEqual([]);
    expect(
      sesTemplateOwnerProblems([
        at(develop, email('acme-notice', true)),
        at(neighbour, email('acme-notice-staging', true)),
      ]),
    ).toEqual([]);
    expect(
      sesTemplateOwnerProblems([
        at(develop, email('acme-notice', true)),
        at(neighbour, email('acme-notice', false)),
      ]),
    ).toEqual([]);
  });
});
