import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectSentimentCommand,
} from '@aws-sdk/client-comprehend';
import { ConnectClient, ListContactFlowsCommand, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { CLIENT_OPTIONS } from './local-channel';

export const TASK_FLOW_ID = '9f8e7d6c-aaaa-bbbb-cccc-0123456789ab';

/**
 * Comprehend, Connect and SES v2 clients whose `send` is answered by aws-sdk-client-mock with
 * answers shaped like the services' (these have no local emulator). Contact ids count up.
 */
export function mockedServices() {
  const comprehend = new ComprehendClient(CLIENT_OPTIONS);
  const connect = new ConnectClient(CLIENT_OPTIONS);
  const ses = new SESv2Client(CLIENT_OPTIONS);
  const comprehendMock = mockClient(comprehend);
  const connectMock = mockClient(connect);
  const sesMock = mockClient(ses);
  comprehendMock
    .on(DetectDominantLanguageCommand)
    .resolves({ Languages: [{ LanguageCode: 'en', Score: 0.99 }] });
  comprehendMock.on(DetectSentimentCommand).resolves({
    Sentiment: 'NEGATIVE',
    SentimentScore: { Positive: 0.01, Negative: 0.93, Neutral: 0.05, Mixed: 0.01 },
  });
  comprehendMock.on(DetectEntitiesCommand).resolves({
    Entities: [
      { Text: '40213', Type: 'QUANTITY', Score: 0.91, BeginOffset: 16, EndOffset: 21 },
      { Text: 'Jane Doe', Type: 'PERSON', Score: 0.99, BeginOffset: 150, EndOffset: 158 },
    ],
  });
  // Two pages, the task flow on the second: the lookup must follow NextToken.
  connectMock
    .on(ListContactFlowsCommand, { NextToken: undefined })
    .resolves({
      ContactFlowSummaryList: [
        {
          Id: '11111111-0000-0000-0000-000000000000',
          Name: 'acme-ACME_Main',
          ContactFlowType: 'CONTACT_FLOW',
        },
      ],
      NextToken: 'page-2',
    })
    .on(ListContactFlowsCommand, { NextToken: 'page-2' })
    .resolves({
      ContactFlowSummaryList: [
        { Id: TASK_FLOW_ID, Name: 'acme-ACME_email_inbound', ContactFlowType: 'CONTACT_FLOW' },
      ],
    });
  // Like Connect, the same ClientToken answers the same contact (idempotent for 7 days).
  const byToken = new Map<string, string>();
  connectMock.on(StartTaskContactCommand).callsFake((input: { ClientToken?: string }) => {
    const known = input.ClientToken ? byToken.get(input.ClientToken) : undefined;
    if (known) return { ContactId: known };
    const id = `c0ffee00-0000-4000-8000-${String(byToken.size + 1).padStart(12, '0')}`;
    if (input.ClientToken) byToken.set(input.ClientToken, id);
    return { ContactId: id };
  });
  let sent = 0;
  sesMock.on(SendEmailCommand).callsFake(() => {
    sent += 1;
    return { MessageId: `0100019a1b2c3d4e-5f6a7b8c-9d0e-4f1a-8b2c-${String(sent).padStart(12, '0')}-000000` };
  });
  return { comprehend, connect, ses, comprehendMock, connectMock, sesMock };
}
