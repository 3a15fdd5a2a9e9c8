import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '@amzconnect/env';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { runCli } from '../../src/cli/main';
import { DeployCliIo } from '../../src/deploy/deploy-command-context';
import { FlowDocument } from '../../src/model/flow-document';
import { serializeFlowDocument } from '../../src/format/serialize-flow-document';
import { planReportHtml, PlanReportSection, REPORT_CONTENT_SECURITY_POLICY } from '../../src/report';
import { inboundFlow, withText } from '../deploy/support/flow-factory';
import { launchChromium, PageLoad } from '@amzconnect/testing/chromium';

describe('planReportHtml', () => {
  const section: PlanReportSection = {
    app: 'acme',
    env: 'develop',
    region: 'us-east-1',
    instanceId: 'i-1',
    counts: {
      create: 0,
      adopt: 0,
      update: 0,
      unchanged: 3,
      blocked: 1,
      'needs-adoption': 0,
      archived: 0,
      orphaned: 1,
    },
    entries: [
      {
        kind: 'flow',
        name: '<script>alert(1)</script>',
        deployedName: 'acme-x',
        action: 'blocked',
        summary: 'blocked',
        blocks: [],
        problems: ['${queue:Nope}: no queue "Nope" in the instance'],
      },
      {
        kind: 'flow',
        name: 'acme-Old',
        deployedName: 'acme-Old',
        action: 'orphaned',
        summary: 'no longer in the repository',
        blocks: [],
        problems: [],
      },
    ],
  };

  it('forbids every load with a content security policy, so the page never reaches the network', () => {
    const html = planReportHtml(section);

    expect(REPORT_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`,
    );
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('escapes names and problems, and says the plan is blocked in the headline', () => {
    const html = planReportHtml(section, { commit: 'abc1234' });

    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      '<p class="headline blocked">0 to create, 0 to update, 3 unchanged, 1 orphaned, 1 blocked</p>',
    );
    expect(html).toContain('<p class="meta">instance i-1 · commit abc1234</p>');
    expect(html).toContain('<li>${queue:Nope}: no queue &quot;Nope&quot; in the instance</li>');
  });

  it('says "No changes." when nothing changes', () => {
    const html = planReportHtml({
      ...section,
      counts: { ...section.counts, blocked: 0, orphaned: 0 },
      entries: [],
    });

    expect(html).toContain('<p class="none">No changes.</p>');
  });
});

describe('npm run flows -- plan --html, opened in headless Chromium', () => {
  let env: DeployTestEnvironment;
  let repo: string;
  let browser: Browser;
  let page: Page;
  let load: PageLoad;
  let exitCode: number;
  let stderr: string;

  function writeFlows(docs: readonly FlowDocument[]): void {
    const dir = path.join(repo, 'amzconnect-contact-flows', 'flows');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const d of docs) fs.writeFileSync(path.join(dir, `${d.name}.json`), serializeFlowDocument(d));
  }

  beforeAll(async () => {
    // Prepare: Main and Billing deployed; the change edits Main's greeting, adds Sales, drops Billing.
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-report-'));
    fs.mkdirSync(path.join(repo, 'env'));
    for (const f of ['accountvars.json', 'devops.json'])
      fs.copyFileSync(path.join(REPO_ROOT, 'env', f), path.join(repo, 'env', f));
    let err = '';
    const io: DeployCliIo = {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      cwd: repo,
      deployClients: () => env.clients(),
      clock: env.clock,
    };
    const main = inboundFlow('Main', { queue: 'Sales' });
    writeFlows([main, inboundFlow('Billing')]);
    expect(await runCli(['deploy', '--env', 'develop', '--region', 'us-east-1', '--repo', repo], io)).toBe(0);
    writeFlows([withText(main, 'Welcome to ACME, now with "quotes" & <brackets>'), inboundFlow('Sales')]);

    // Act
    err = '';
    exitCode = await runCli(
      ['plan', '--env', 'develop', '--region', 'us-east-1', '--repo', repo, '--html', 'report'],
      io,
    );
    stderr = err;
    browser = await launchChromium();
    page = await browser.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const url = pathToFileURL(path.join(repo, 'report', 'flow-plan-develop-us-east-1.html')).href;
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    load = { consoleErrors, pageErrors, requests };
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('writes the report and says where', () => {
    expect(exitCode).toBe(0);
    expect(stderr).toContain('Wrote report/flow-plan-develop-us-east-1.html\n');
  });

  it('loads with no console error, no page error and no network request', () => {
    expect(load).toEqual({ consoleErrors: [], pageErrors: [], requests: [] });
  });

  it('shows the counts and one entry per flow that changes', async () => {
    expect(await page.locator('.headline').textContent()).toBe(
      '1 to create, 1 to update, 0 unchanged, 1 orphaned, 0 blocked',
    );
    expect(await page.locator('section.entry h2').allTextContents()).toEqual([
      '~ flow Main (acme-Main): update',
      '+ flow Sales (acme-Sales): create',
      '- flow acme-Billing (acme-Billing): orphaned',
    ]);
  });

  it('draws the updated flow with exactly the changed block marked', async () => {
    const update = page.locator('section.entry.update');
    const changed = update.locator('svg g.node.block-changed a');

    expect(await update.locator('svg').count()).toBe(1);
    expect(await changed.count()).toBe(1);
    expect(await changed.getAttribute('xlink:title')).toBe('greet');
    expect(await update.locator('svg g.node.block-added, svg g.node.block-removed').count()).toBe(0);
    expect(await update.locator('svg').evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(
      100,
    );
  });

  it('draws the created flow, and lists the changed value under the picture', async () => {
    expect(await page.locator('section.entry.create svg g.node.block').count()).toBe(
      inboundFlow('Sales').content.Actions.length,
    );
    expect(await page.locator('section.entry.update pre.diff').textContent()).toBe(
      [
        'changed greet (MessageParticipant)',
        '-   Parameters.Text: "Welcome to Main"',
        '+   Parameters.Text: "Welcome to ACME, now with \\"quotes\\" & <brackets>"',
      ].join('\n'),
    );
  });
});
