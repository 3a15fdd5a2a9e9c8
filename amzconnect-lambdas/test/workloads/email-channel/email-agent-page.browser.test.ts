import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '@amzconnect/testing/chromium';
import {
  agentPageSecurityHeaders,
  asHttpHeaders,
} from '../../../lib/workloads/email-channel/agent-page-headers';
import { agentPageConfigScript, buildAgentPage } from '../../../lib/workloads/email-channel/build-agent-page';
import { EMAIL_AGENT_APP_PERMISSIONS } from '../../../lib/workloads/email-channel/email-agent-page';

/**
 * The email task app (src/email-channel/agent-app/, bundled as deployed) in a real headless
 * Chromium (Debian's `chromium`, driven by playwright-core). Three local origins stand in for
 * CloudFront (the page, with the security headers of the CloudFront policy), the agent workspace
 * (support/fake-workspace.js frames the app and answers the app SDK's messages) and the mail
 * bucket (the presigned URLs' host, with CORS for the page's origin only).
 */
const MAIL = {
  from: { address: 'jane.doe@customer.test', name: 'Jane Doe' },
  subject: 'Order 40213 arrived damaged',
  body: 'Hello,\n<b>my jar is cracked</b>.\nJane',
  receivedAt: '2026-11-17T09:14:05.000Z',
  insights: { language: { code: 'en' }, sentiment: { label: 'NEGATIVE' } },
  attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 2048 }],
};

interface Reply {
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array;
}
type Routes = (url: string) => Reply;

function serve(routes: Routes): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const r =
      url === '/favicon.ico' ? { headers: { 'content-type': 'image/x-icon' }, body: '' } : routes(url);
    res.writeHead(r.status ?? 200, r.headers).end(r.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const notFound: Reply = { status: 404, headers: {}, body: '' };

describe('the email task app in headless Chromium, framed by a fake agent workspace', () => {
  let browser: Browser;
  let servers: http.Server[];
  let pageOrigin: string;
  let workspaceOrigin: string;
  let mailOrigin: string;
  let page: Page;
  let app: FrameLocator;
  let consoleErrors: string[];

  beforeAll(async () => {
    const files = buildAgentPage();
    const contacts: Record<string, unknown> = {};
    // Ports are known only once listening: each server reads the others' origins when asked.
    const mail = await serve((url): Reply => {
      if (url === '/cases/c1/formatted.json')
        return {
          headers: { 'content-type': 'application/json', 'access-control-allow-origin': pageOrigin },
          body: JSON.stringify(MAIL),
        };
      if (url === '/elsewhere')
        return { headers: { 'content-type': 'text/html' }, body: '<title>Elsewhere</title>' };
      return notFound;
    });
    const workspace = await serve((url): Reply => {
      if (url === '/host.html')
        return {
          headers: { 'content-type': 'text/html' },
          body: '<!doctype html><title>Fake agent workspace</title><body><script src="contacts.js"></script><script src="fake-workspace.js"></script></body>',
        };
      if (url === '/contacts.js')
        return {
          headers: { 'content-type': 'text/javascript' },
          body: `window.FAKE_CONTACTS = ${JSON.stringify(contacts)};`,
        };
      if (url === '/fake-workspace.js')
        return {
          headers: { 'content-type': 'text/javascript' },
          body: fs.readFileSync(path.join(__dirname, 'support', 'fake-workspace.js')),
        };
      return notFound;
    });
    const site = await serve((url): Reply => {
      const headers = asHttpHeaders(
        agentPageSecurityHeaders({ agentWorkspaceOrigin: workspaceOrigin, mailOrigin }),
      );
      if (url === '/config.js')
        return {
          headers: { ...headers, 'content-type': 'text/javascript' },
          body: agentPageConfigScript('mail.acme.test'),
        };
      const file = files.find((f) => `/${f.path}` === url);
      return file
        ? { headers: { ...headers, 'content-type': file.contentType }, body: file.contents }
        : notFound;
    });
    servers = [mail.server, workspace.server, site.server];
    mailOrigin = mail.origin;
    workspaceOrigin = workspace.origin;
    pageOrigin = site.origin;
    Object.assign(contacts, {
      'task-with-links': {
        channel: { type: 'task', subtype: 'connect:Task' },
        attributes: {
          CaseId: 'c1a2b3c4d5',
          Subject: 'Order 40213 arrived damaged',
          FormattedUrl: `${mailOrigin}/cases/c1/formatted.json?X-Amz-Signature=abc`,
          OriginalUrl: `${mailOrigin}/cases/c1/original.eml?X-Amz-Signature=def`,
        },
      },
      'task-without-links': {
        channel: { type: 'task', subtype: 'connect:Task' },
        attributes: { CaseId: 'c9d8e7f6a5', Subject: 'Re: Order 40213' },
      },
      'voice-call': { channel: { type: 'voice', subtype: 'connect:Telephony' }, attributes: {} },
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function open(contactId: string, host = workspaceOrigin): Promise<void> {
    consoleErrors = [];
    page = await browser.newPage();
    // Every frame reports CSP violations as console errors, so "no console errors" covers them.
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    );
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const appUrl = encodeURIComponent(`${pageOrigin}/index.html`);
    await page.goto(`${host}/host.html?contact=${contactId}&app=${appUrl}`);
    app = page.frameLocator('#app');
  }
  afterEach(async () => page?.close());

  const status = () => app.locator('#status').textContent();
  const workspace = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { __fakeWorkspace: { requests: string[]; closeApp: string[] } })
          .__fakeWorkspace,
    );

  it('shows a task contact: the three answer links, close, the download and the mail as text, with no console error or CSP violation', async () => {
    // Act
    await open('task-with-links');
    await app.locator('#body').waitFor({ state: 'visible' });
    // Assess
    const link = (id: string) => app.locator(`#${id}`).getAttribute('href');
    const subject = encodeURIComponent('Re: Order 40213 arrived damaged');
    expect(await link('reply')).toBe(`mailto:agentrelay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('requeue')).toBe(`mailto:queuerelay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('general')).toBe(`mailto:relay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('reject')).toMatch(/^mailto:rejectrelay\+c1a2b3c4d5@mail\.acme\.test\?subject=/);
    expect(await link('original')).toBe(`${mailOrigin}/cases/c1/original.eml?X-Amz-Signature=def`);
    for (const id of ['reply', 'requeue', 'general', 'reject', 'original', 'formatted'])
      expect(await app.locator(`#${id}`).isVisible()).toBe(true);
    expect(await app.locator('#subject').textContent()).toBe('Order 40213 arrived damaged');
    expect(await app.locator('#body').textContent()).toBe(MAIL.body);
    expect(await app.locator('#body b').count()).toBe(0);
    expect(await app.locator('#insights').textContent()).toBe('Language: en · Sentiment: NEGATIVE');
    expect(await app.locator('#attachments').textContent()).toContain('photo.jpg');
    expect(await status()).toBe('');
    expect(consoleErrors).toEqual([]);
    // Only what the application's permissions grant (Contact.Details.View, Contact.Attributes.View).
    expect(EMAIL_AGENT_APP_PERMISSIONS).toEqual(['Contact.Details.View', 'Contact.Attributes.View']);
    expect((await workspace()).requests).toEqual(['contact/getChannelType', 'contact/getAttributes']);
    expect((await workspace()).closeApp).toEqual([]);
  });

  it('handles a task without mail links: answer links only, no download, and says why', async () => {
    await open('task-without-links');
    await app.locator('#reply').waitFor({ state: 'visible' });
    expect(await app.locator('#original').isVisible()).toBe(false);
    expect(await app.locator('#formatted').isVisible()).toBe(false);
    expect(await app.locator('#body').isVisible()).toBe(false);
    expect(await status()).toBe(
      'No mail links on this task: they are set while it waits in the queue. Answer with the links above.',
    );
    expect(consoleErrors).toEqual([]);
  });

  it('says a voice contact is not an email task and offers no link', async () => {
    await open('voice-call');
    await app.locator('#status', { hasText: 'not an email task' }).waitFor();
    expect(await app.locator('#subject').textContent()).toBe('No email task');
    expect(await app.locator('#reply').isVisible()).toBe(false);
    expect(consoleErrors).toEqual([]);
  });

  it('refuses to be framed by any origin but the agent workspace (CSP frame-ancestors)', async () => {
    // Prepare: a page of another origin (the mail server's)
    consoleErrors = [];
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${mailOrigin}/elsewhere`);
    // Act
    const refused = page.waitForEvent('console', {
      predicate: (m) => m.text().includes('frame-ancestors'),
      timeout: 10_000,
    });
    await page.setContent(`<iframe id="app" src="${pageOrigin}/index.html"></iframe>`);
    await refused;
    // Assess: Chromium blocked the page
    expect(consoleErrors.join('\n')).toContain(`frame-ancestors ${workspaceOrigin}`);
    expect(await page.frameLocator('#app').locator('#status').count()).toBe(0);
  });
});
