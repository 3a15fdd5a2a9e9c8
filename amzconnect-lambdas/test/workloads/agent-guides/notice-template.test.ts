import * as fs from 'fs';
import * as path from 'path';
import { readEmailConfig } from '../../../src/agent-guides/agent-guides-config';
import { createSendEmailHandler } from '../../../src/agent-guides/create-send-handlers';
import { createSesClient } from '../../../src/agent-guides/messaging-clients';
import { sendNoticeEmail } from '../../../src/agent-guides/send-notice-email';
import { readNoticeTemplate, templateExpressions } from '../../../lib/workloads/agent-guides/notice-template';
import { recordingLogger } from '../../support/log-recorder';
import { MessagingEmulator } from './support/messaging-emulator';

const event = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'send-email.json'), 'utf8'),
) as Record<string, unknown>;
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

describe('the cancellation notice SES template (config/templates/agent-guides/cancellation-notice/)', () => {
  const emulator = new MessagingEmulator();
  let templateData: Record<string, string>;

  beforeAll(async () => {
    // Prepare: the send-email function with its real SES v2 client, against the local endpoint
    const endpoint = await emulator.start();
    const ses = createSesClient({ requestTimeoutMs: 2000, endpoint, region: 'us-east-1', credentials });
    const handler = createSendEmailHandler({
      config: readEmailConfig({
        EMAIL_FROM_ADDRESS: 'cancellations@example.com',
        EMAIL_TEMPLATE: 'acme-cancellation-notice',
      }),
      logger: recordingLogger(),
      send: (sender, request, signal) => sendNoticeEmail(ses, sender, request, signal),
    });
    // Act: what the function sends as the template's data
    const answer = await handler(event as never);
    expect(answer.Result).toBe('SENT');
    const sent = emulator.emails[0] as { Content: { Template: { TemplateData: string } } };
    templateData = JSON.parse(sent.Content.Template.TemplateData) as Record<string, string>;
  });
  afterAll(() => emulator.stop());

  it('uses exactly the fields the send function puts in TemplateData: each {{...}} is one, and each is used', () => {
    const expressions = templateExpressions(readNoticeTemplate());

    expect(Object.keys(templateData).sort()).toEqual(['CancellationDate', 'CustomerName', 'Reference']);
    expect(expressions).toEqual(Object.keys(templateData).sort());
  });

  it('has a one-line subject and every field in the text and in the HTML part', () => {
    const content = readNoticeTemplate();

    expect(content.subject).not.toMatch(/\n/);
    for (const field of Object.keys(templateData)) {
      expect(content.text).toContain(`{{${field}}}`);
      expect(content.html).toContain(`{{${field}}}`);
    }
  });

  it('finds every Handlebars expression, helpers and triple braces included, so none escapes the check', () => {
    const expressions = templateExpressions({
      subject: 'Hi {{ CustomerName }}',
      text: '{{#if Reference}}{{Reference}}{{/if}} {{{Raw}}}',
      html: '<p>{{Unknown.Field}}</p>',
    });

    expect(expressions).toEqual([
      '#if Reference',
      '/if',
      'CustomerName',
      'Raw',
      'Reference',
      'Unknown.Field',
    ]);
  });
});
