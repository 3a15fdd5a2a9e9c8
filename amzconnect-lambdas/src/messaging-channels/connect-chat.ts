import { createHash } from 'crypto';
import {
  ConnectClient,
  ListContactFlowsCommand,
  StartChatContactCommand,
  StartContactStreamingCommand,
} from '@aws-sdk/client-connect';
import {
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { CHAT_DURATION_MINUTES } from './chat-session';

/** What a new chat is started with. */
export interface NewChat {
  /** Shown to the agent as the customer's name. */
  readonly displayName: string;
  /** Contact attributes (`Channel`, `CustomerId`, `BusinessId`), readable in the flow as `$.Attributes.*`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Idempotency token: a retried start of the same message returns the same contact and stream. */
  readonly clientToken: string;
}

/** A started chat, its stream and its customer connection. */
export interface StartedChat {
  readonly contactId: string;
  readonly streamingId: string;
  readonly connectionToken: string;
}

/** The chat side of the bridge. */
export interface ChatGateway {
  /** StartChatContact, StartContactStreaming to the outbound topic, CreateParticipantConnection. */
  startChat(chat: NewChat): Promise<StartedChat>;
  /** SendMessage as the customer; throws {@link ChatEndedError} when the chat is over. */
  sendMessage(connectionToken: string, text: string): Promise<void>;
}

/** The chat no longer accepts the customer's messages (ended, or the connection expired). */
export class ChatEndedError extends Error {
  constructor(cause: string) {
    super(`The chat has ended (${cause}).`);
    this.name = 'ChatEndedError';
  }
}

/** The configured contact flow is not in the instance (not deployed yet, or renamed). */
export class ContactFlowNotFoundError extends Error {
  constructor(name: string) {
    super(
      `No CONTACT_FLOW named "${name}" in the instance; deploy the contact flows (amzconnect-contact-flows) or fix contactFlow in config/workloads/messaging-channels.json.`,
    );
    this.name = 'ContactFlowNotFoundError';
  }
}

/** Options of {@link connectChatGateway}. */
export interface ConnectChatGatewayOptions {
  readonly connect: ConnectClient;
  readonly participant: ConnectParticipantClient;
  readonly instanceId: string;
  /** Name of the contact flow in Connect (e.g. `acme-ACME_messaging_chat`), resolved to its id once per container. */
  readonly contactFlowName: string;
  /** The standard SNS topic Connect streams the chat to. */
  readonly streamingTopicArn: string;
}

/** A 64-character token derived from a message key (Connect allows at most 500). */
export function clientTokenFor(messageKey: string): string {
  return createHash('sha256').update(messageKey).digest('hex');
}

/** The gateway over the real Connect and ConnectParticipant clients. */
export function connectChatGateway(options: ConnectChatGatewayOptions): ChatGateway {
  const { connect, participant, instanceId } = options;
  let flowId: Promise<string> | undefined;
  const resolveFlowId = () => {
    flowId ??= findContactFlowId(connect, instanceId, options.contactFlowName).catch((err: unknown) => {
      flowId = undefined; // not cached: the next message looks again (the flow may be deployed meanwhile)
      throw err;
    });
    return flowId;
  };
  return {
    startChat: async (chat) => {
      const started = await connect.send(
        new StartChatContactCommand({
          InstanceId: instanceId,
          ContactFlowId: await resolveFlowId(),
          Attributes: { ...chat.attributes },
          ParticipantDetails: { DisplayName: chat.displayName },
          ChatDurationInMinutes: CHAT_DURATION_MINUTES,
          SupportedMessagingContentTypes: ['text/plain'],
          ClientToken: chat.clientToken,
        }),
      );
      const contactId = required(started.ContactId, 'StartChatContact ContactId');
      const participantToken = required(started.ParticipantToken, 'StartChatContact ParticipantToken');
      const streaming = await connect.send(
        new StartContactStreamingCommand({
          InstanceId: instanceId,
          ContactId: contactId,
          ChatStreamingConfiguration: { StreamingEndpointArn: options.streamingTopicArn },
          ClientToken: chat.clientToken,
        }),
      );
      const connection = await participant.send(
        new CreateParticipantConnectionCommand({
          ParticipantToken: participantToken,
          Type: ['CONNECTION_CREDENTIALS'],
          ConnectParticipant: true,
        }),
      );
      return {
        contactId,
        streamingId: required(streaming.StreamingId, 'StartContactStreaming StreamingId'),
        connectionToken: required(
          connection.ConnectionCredentials?.ConnectionToken,
          'CreateParticipantConnection ConnectionToken',
        ),
      };
    },
    sendMessage: async (connectionToken, text) => {
      try {
        await participant.send(
          new SendMessageCommand({
            ConnectionToken: connectionToken,
            ContentType: 'text/plain',
            Content: text,
          }),
        );
      } catch (err) {
        const name = (err as { name?: string })?.name ?? '';
        // An ended chat (or an expired connection) refuses the customer's token.
        if (name === 'AccessDeniedException') throw new ChatEndedError(name);
        throw err;
      }
    },
  };
}

/** The id of the CONTACT_FLOW named `name`, reading every page of `ListContactFlows`. */
export async function findContactFlowId(
  connect: ConnectClient,
  instanceId: string,
  name: string,
): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await connect.send(
      new ListContactFlowsCommand({
        InstanceId: instanceId,
        ContactFlowTypes: ['CONTACT_FLOW'],
        MaxResults: 1000,
        NextToken: nextToken,
      }),
    );
    const found = page.ContactFlowSummaryList?.find((f) => f.Name === name && f.Id);
    if (found?.Id) return found.Id;
    nextToken = page.NextToken;
  } while (nextToken);
  throw new ContactFlowNotFoundError(name);
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`${what} is missing from the response.`);
  return value;
}
