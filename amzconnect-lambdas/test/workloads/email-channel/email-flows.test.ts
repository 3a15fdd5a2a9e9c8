import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { flowDocumentsByEnvironment } from '@amzconnect/contact-flows';
import { loadRepoCatalog } from '@amzconnect/contact-flows';
import { loadRepoFlows } from '@amzconnect/contact-flows';
import { lintFlows } from '@amzconnect/contact-flows';
import { FlowDocument } from '@amzconnect/contact-flows';
import { FLOWS_DIR, loadWorkloadSwitches } from '@amzconnect/contact-flows';
import { examplePlatform } from '../../support/example-config';
import { EMAIL_CHANNEL_FUNCTIONS } from '../../../lib/workloads/email-channel/email-channel';
import { EMAIL_CHANNEL_FLOW_FUNCTIONS } from '../../../lib/workloads/email-channel/email-channel-config';

const EMAIL_FLOWS = path.join(FLOWS_DIR, 'email-channel');

describe('email channel flows', () => {
  const repo = loadRepoFlows(FLOWS_DIR);
  const email = repo.flows.filter((f) => f.path.startsWith(EMAIL_FLOWS));
  const byName = (name: string) => email.find((f) => f.document.name === name)?.document as FlowDocument;

  it('are the four flows of the channel, each of the right type', () => {
    expect(email.map((f) => [f.document.name, f.document.type])).toEqual([
      ['ACME_email_agent_whisper', 'AGENT_WHISPER'],
      ['ACME_email_customer_queue', 'CUSTOMER_QUEUE'],
      ['ACME_email_inbound', 'CONTACT_FLOW'],
      ['ACME_email_queue_transfer', 'QUEUE_TRANSFER'],
    ]);
  });

  it('pass the linter with the repository catalog (which knows the workload flow functions)', () => {
    const { catalog } = loadRepoCatalog(repo.flows.map((f) => f.document));
    expect(catalog.lambdas).toEqual(expect.arrayContaining([...EMAIL_CHANNEL_FLOW_FUNCTIONS]));
    const findings = lintFlows({ flows: email, catalog });
    expect(findings).toEqual([]);
  });

  it('invoke exactly the functions the EmailChannel construct publishes', () => {
    const text = JSON.stringify(email.map((f) => f.document));
    const invoked = [...new Set([...text.matchAll(/\$\{lambda:([^}]+)\}/g)].map((m) => m[1]))].sort();
    expect(invoked).toEqual([...EMAIL_CHANNEL_FLOW_FUNCTIONS].sort());
    expect(invoked).toEqual([EMAIL_CHANNEL_FUNCTIONS.generateUrl, EMAIL_CHANNEL_FUNCTIONS.whisper]);
  });

  it('refresh the URLs in a loop: invoke, store, wait the returned seconds, invoke again', () => {
    const actions = byName('ACME_email_customer_queue').content.Actions;
    const wait = actions.find((a) => a.Identifier === 'wait-until-refresh');
    expect(wait?.Parameters).toEqual({ TimeoutSeconds: '$.Attributes.UrlRefreshSeconds' });
    expect(wait?.Transitions?.Conditions?.[0].NextAction).toBe('generate-urls');
    expect(actions.find((a) => a.Identifier === 'store-urls')?.Parameters?.Attributes).toEqual({
      FormattedUrl: '$.External.FormattedUrl',
      OriginalUrl: '$.External.OriginalUrl',
      UrlRefreshSeconds: '$.External.ExpiresInSeconds',
    });
  });

  it('generate the URLs in the inbound flow too, before routing, so a task that reaches an agent directly has its links', () => {
    const actions = byName('ACME_email_inbound').content.Actions;
    const ids = actions.map((a) => a.Identifier);
    const invoke = actions.find((a) => a.Identifier === 'generate-urls');
    expect(invoke?.Parameters?.LambdaFunctionARN).toBe('${lambda:email-generate-url}');
    expect(actions.find((a) => a.Identifier === 'store-urls')?.Parameters?.Attributes).toEqual({
      FormattedUrl: '$.External.FormattedUrl',
      OriginalUrl: '$.External.OriginalUrl',
      UrlRefreshSeconds: '$.External.ExpiresInSeconds',
    });
    expect(ids.indexOf('generate-urls')).toBeLessThan(ids.indexOf('route'));
  });

  it('refresh the URLs in the transfer flow before transferring, as the reference does, so the next queue or agent gets live links', () => {
    const actions = byName('ACME_email_queue_transfer').content.Actions;
    const ids = actions.map((a) => a.Identifier);
    expect(actions.find((a) => a.Identifier === 'refresh-urls')?.Parameters?.LambdaFunctionARN).toBe(
      '${lambda:email-generate-url}',
    );
    expect(actions.find((a) => a.Identifier === 'store-urls')?.Parameters?.Attributes).toEqual({
      FormattedUrl: '$.External.FormattedUrl',
      OriginalUrl: '$.External.OriginalUrl',
      UrlRefreshSeconds: '$.External.ExpiresInSeconds',
    });
    expect(ids.indexOf('refresh-urls')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('refresh-urls')).toBeLessThan(ids.indexOf('transfer-to-queue'));
  });

  it('route by the TargetType the gateway sets, and pass the agent to the whisper function', () => {
    const route = byName('ACME_email_inbound').content.Actions.find((a) => a.Identifier === 'route');
    expect(route?.Parameters).toEqual({ ComparisonValue: '$.Attributes.TargetType' });
    const whisper = byName('ACME_email_agent_whisper').content.Actions[0];
    expect(whisper.Parameters?.LambdaInvocationAttributes).toEqual({
      AgentArn: '$.Agent.ARN',
      AgentUserName: '$.Agent.UserName',
    });
  });

  it('are deployed only to environments where the channel is on', () => {
    const documents = flowDocumentsByEnvironment(loadWorkloadSwitches(examplePlatform()));
    const names = (env: string) =>
      documents(env)
        .map((d) => d.name)
        .filter((n) => n.startsWith('ACME_email_'));
    expect(names('develop').sort()).toEqual([
      'ACME_email_agent_whisper',
      'ACME_email_customer_queue',
      'ACME_email_inbound',
      'ACME_email_queue_transfer',
    ]);
    expect(names('staging')).toEqual([]);
    expect(names('prod')).toEqual([]);
  });

  it("adds the manifests' flow functions to the linter's Lambda names", () => {
    // Prepare: a repository with a registry
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const write = (rel: string, value: unknown) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), JSON.stringify(value));
    };
    write('amzconnect-lambdas/config/functions.json', { functions: [{ name: 'mapping' }] });
    // Act
    const { catalog, warnings } = loadRepoCatalog([], root);
    // Assess
    expect(catalog.lambdas).toEqual([
      'mapping',
      'agent-guides-settings',
      'agent-guides-send-email',
      'agent-guides-send-sms',
      'agent-guides-send-notice',
      'email-generate-url',
      'email-whisper',
    ]);
    expect(warnings.map((w) => w.file)).not.toContain('amzconnect-lambdas/config/functions.json');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
