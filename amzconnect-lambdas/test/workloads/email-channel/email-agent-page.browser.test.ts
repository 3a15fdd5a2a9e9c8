import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '@amzconnect/testing';

/**
 * The email agent page (src/email-channel/ccp/) in a real headless Chromium (Debian's `chromium`,
 * driven by playwright-core), served by a local page server with a fake Streams host
 * (support/fake-streams.js) in place of connect-streams-min.js.
 */
const PAGE_DIR = path.join(__dirname, '..', '..', '..', 'src', 'email-channel', 'ccp');
const MAIL = {
  from: { address: 'jane.doe@customer.test', name: 'Jane Doe' },
  subject: 'Order 40213 arrived damaged',
  body: 'Hello,\n<b>my jar is cracked</b>.\nJane',
  receivedAt: '2026-11-17T09:14:05.000Z',
  insights: { language: { code: 'en' }, sentiment: { label: 'NEGATIVE' } },
  attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 2048 }],
};

/** What support/fake-streams.js puts on the page's window. */
interface FakeHost {
  readonly __fakeConnect: {
    readonly initOptions: unknown;
    deliver(type: string, attributes: Record<string, string>): void;
  };
}

function serve(): Promise<http.Server> {
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html', fs.readFileSync(path.join(PAGE_DIR, 'index.html'))],
    '/email-ccp.css': ['text/css', fs.readFileSync(path.join(PAGE_DIR, 'email-ccp.css'))],
    '/email-ccp.js': ['text/javascript', fs.readFileSync(path.join(PAGE_DIR, 'email-ccp.js'))],
    '/connect-streams-min.js': [
      'text/javascript',
      fs.readFileSync(path.join(__dirname, 'support', 'fake-streams.js')),
    ],
    '/config.js': [
      'text/javascript',
      "window.EMAIL_CCP_CONFIG = { ccpUrl: 'https://acme-develop.my.connect.aws/ccp-v2/', region: 'us-east-1', mailDomain: 'mail.acme.test' };",
    ],
    '/cases/c1/formatted.json': ['application/json', JSON.stringify(MAIL)],
    '/favicon.ico': ['image/x-icon', Buffer.alloc(0)],
  };
  const server = http.createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the email agent page in headless Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let consoleErrors: string[];

  beforeAll(async () => {
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    consoleErrors = [];
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/`);
  });
  afterEach(async () => page.close());

  it('loads without console errors and starts the CCP with the configured instance', async () => {
    expect(await page.textContent('#subject')).toBe('No email task');
    expect(await page.evaluate(() => (globalThis as unknown as FakeHost).__fakeConnect.initOptions)).toEqual({
      ccpUrl: 'https://acme-develop.my.connect.aws/ccp-v2/',
      region: 'us-east-1',
    });
    expect(consoleErrors).toEqual([]);
  });

  it('shows a task contact: the three answer links, close, the download and the mail rendered as text', async () => {
    // Act
    await page.evaluate((url) => {
      (globalThis as unknown as FakeHost).__fakeConnect.deliver('task', {
        CaseId: 'c1a2b3c4d5',
        Subject: 'Order 40213 arrived damaged',
        FormattedUrl: `${url}/cases/c1/formatted.json`,
        OriginalUrl: `${url}/cases/c1/original.eml?X-Amz-Signature=abc`,
      });
    }, base);
    await page.waitForFunction("document.getElementById('body').textContent !== ''");
    // Assess
    const link = (id: string) => page.getAttribute(`#${id}`, 'href');
    const visible = (id: string) => page.isVisible(`#${id}`);
    const subject = encodeURIComponent('Re: Order 40213 arrived damaged');
    expect(await link('reply')).toBe(`mailto:agentrelay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('requeue')).toBe(`mailto:queuerelay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('general')).toBe(`mailto:relay+c1a2b3c4d5@mail.acme.test?subject=${subject}`);
    expect(await link('reject')).toMatch(/^mailto:rejectrelay\+c1a2b3c4d5@mail\.acme\.test\?subject=/);
    expect(await link('original')).toBe(`${base}/cases/c1/original.eml?X-Amz-Signature=abc`);
    for (const id of ['reply', 'requeue', 'general', 'reject', 'original', 'formatted'])
      expect(await visible(id)).toBe(true);
    expect(await page.textContent('#body')).toBe(MAIL.body);
    expect(await page.$('#body b')).toBeNull();
    expect(await page.textContent('#insights')).toBe('Language: en · Sentiment: NEGATIVE');
    expect(await page.textContent('#attachments')).toContain('photo.jpg');
    expect(consoleErrors).toEqual([]);
  });

  it('handles a task without mail links: answer links only, no download, and says why', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as FakeHost).__fakeConnect.deliver('task', {
        CaseId: 'c9d8e7f6a5',
        Subject: 'Re: Order 40213',
      });
    });
    expect(await page.isVisible('#reply')).toBe(true);
    expect(await page.isVisible('#original')).toBe(false);
    expect(await page.isVisible('#formatted')).toBe(false);
    expect(await page.textContent('#status')).toBe(
      'The task has no mail URLs yet; they are set while it waits in the queue.',
    );
    expect(consoleErrors).toEqual([]);
  });

  it('ignores a voice contact', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as FakeHost).__fakeConnect.deliver('voice', {});
    });
    expect(await page.textContent('#subject')).toBe('No email task');
    expect(await page.isVisible('#reply')).toBe(false);
  });
});
