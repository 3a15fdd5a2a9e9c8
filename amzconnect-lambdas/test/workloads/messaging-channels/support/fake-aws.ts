import * as http from 'http';
import { AddressInfo } from 'net';

/** One request the fake answered. */
export interface RecordedCall {
  readonly operation: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** A chat the fake Connect started. */
export interface FakeChat {
  readonly contactId: string;
  readonly participantToken: string;
  readonly connectionToken: string;
  readonly attributes: Record<string, string>;
  readonly flowId: string;
  ended: boolean;
  readonly messages: string[];
}

/** An error to answer with, for the next `times` calls of an operation. */
interface ScriptedError {
  status: number;
  type: string;
  times: number;
}

/**
 * A local HTTP server speaking the JSON protocols of the services the messaging functions call:
 * Connect (ListContactFlows, StartChatContact, StartContactStreaming), ConnectParticipant
 * (CreateParticipantConnection, SendMessage), End User Messaging SMS (SendTextMessage), Secrets Manager
 * (GetSecretValue) and the Messenger Send API. Real SDK clients point at it. It keeps state
 * (chats, tokens, idempotency by ClientToken) and can be scripted to throttle or fail.
 */
export class FakeAws {
  public readonly calls: RecordedCall[] = [];
  public readonly chats = new Map<string, FakeChat>();
  public readonly sms: {
    readonly to: string;
    readonly body: string;
    readonly from: string;
  }[] = [];
  public readonly messenger: {
    readonly to: string;
    readonly text: string;
    readonly authorization: string;
  }[] = [];
  /** Contact flows of the instance, listed two per page. */
  public flows: { Id: string; Name: string }[] = [];
  public secretString = '';
  private readonly errors = new Map<string, ScriptedError>();
  private readonly byClientToken = new Map<string, string>();
  private server?: http.Server;
  private seq = 0;
  public endpoint = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Answers the next `times` calls of `operation` with an error. */
  failNext(operation: string, type: string, status: number, times = 1): void {
    this.errors.set(operation, { status, type, times });
  }

  /** Calls of one operation. */
  callsOf(operation: string): RecordedCall[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  private handle(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://local');
    const operation = operationOf(req.method ?? '', url.pathname, req.headers['x-amz-target']);
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    this.calls.push({ operation, headers: req.headers, query: url.searchParams, body });
    const scripted = this.errors.get(operation);
    if (scripted && scripted.times > 0) {
      scripted.times--;
      return error(res, scripted.status, scripted.type);
    }
    const answer = this.answer(operation, req, url, body);
    if ('error' in answer) return error(res, answer.status, answer.error);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  private answer(
    operation: string,
    req: http.IncomingMessage,
    url: URL,
    body: Record<string, unknown>,
  ): { body: unknown } | { status: number; error: string } {
    const bearer = String(req.headers['x-amz-bearer'] ?? '');
    switch (operation) {
      case 'ListContactFlows': {
        const start = Number(url.searchParams.get('nextToken') ?? '0');
        const page = this.flows.slice(start, start + 2);
        const next = start + 2 < this.flows.length ? String(start + 2) : undefined;
        return {
          body: {
            ContactFlowSummaryList: page.map((f) => ({ ...f, ContactFlowType: 'CONTACT_FLOW' })),
            ...(next ? { NextToken: next } : {}),
          },
        };
      }
      case 'StartChatContact': {
        const token = String(body.ClientToken ?? '');
        const existing = token ? this.byClientToken.get(token) : undefined;
        const chat = existing ? this.chats.get(existing) : undefined;
        if (chat)
          return {
            body: { ContactId: chat.contactId, ParticipantId: 'p', ParticipantToken: chat.participantToken },
          };
        const n = ++this.seq;
        const contactId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        const created: FakeChat = {
          contactId,
          participantToken: `participant-token-${n}`,
          connectionToken: `connection-token-${n}`,
          attributes: (body.Attributes ?? {}) as Record<string, string>,
          flowId: String(body.ContactFlowId),
          ended: false,
          messages: [],
        };
        this.chats.set(contactId, created);
        if (token) this.byClientToken.set(token, contactId);
        return {
          body: {
            ContactId: contactId,
            ParticipantId: `participant-${n}`,
            ParticipantToken: created.participantToken,
          },
        };
      }
      case 'StartContactStreaming':
        if (!this.chats.has(String(body.ContactId)))
          return { status: 400, error: 'ResourceNotFoundException' };
        return { body: { StreamingId: `streaming-${String(body.ContactId)}` } };
      case 'CreateParticipantConnection': {
        const chat = [...this.chats.values()].find((c) => c.participantToken === bearer);
        if (!chat) return { status: 403, error: 'AccessDeniedException' };
        return {
          body: {
            ConnectionCredentials: { ConnectionToken: chat.connectionToken, Expiry: '2030-01-01T00:00:00Z' },
          },
        };
      }
      case 'SendMessage': {
        const chat = [...this.chats.values()].find((c) => c.connectionToken === bearer);
        if (!chat || chat.ended) return { status: 403, error: 'AccessDeniedException' };
        chat.messages.push(String(body.Content));
        return { body: { Id: `m-${chat.messages.length}`, AbsoluteTime: '2026-11-20T10:00:00.000Z' } };
      }
      case 'SendTextMessage': {
        // SMS and Voice v2 (awsJson1_0, X-Amz-Target PinpointSMSVoiceV2.SendTextMessage): request
        // DestinationPhoneNumber / OriginationIdentity / MessageBody, result { MessageId }
        // (SendTextMessageRequest/Result in @aws-sdk/client-pinpoint-sms-voice-v2 models_0.d.ts).
        this.sms.push({
          to: String(body.DestinationPhoneNumber),
          body: String(body.MessageBody),
          from: String(body.OriginationIdentity),
        });
        return { body: { MessageId: `sms-${this.sms.length}` } };
      }
      case 'GetSecretValue':
        return { body: { ARN: String(body.SecretId), Name: 'facebook', SecretString: this.secretString } };
      case 'MessengerSend': {
        const recipient = (body.recipient ?? {}) as Record<string, string>;
        const message = (body.message ?? {}) as Record<string, string>;
        this.messenger.push({
          to: recipient.id,
          text: message.text,
          authorization: String(req.headers.authorization ?? ''),
        });
        return { body: { recipient_id: recipient.id, message_id: `mid.${this.messenger.length}` } };
      }
      default:
        return { status: 404, error: 'UnknownOperationException' };
    }
  }
}

function operationOf(method: string, pathname: string, target: string | string[] | undefined): string {
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  if (method === 'GET' && pathname.startsWith('/contact-flows-summary/')) return 'ListContactFlows';
  if (method === 'PUT' && pathname === '/contact/chat') return 'StartChatContact';
  if (method === 'POST' && pathname === '/contact/start-streaming') return 'StartContactStreaming';
  if (method === 'POST' && pathname === '/participant/connection') return 'CreateParticipantConnection';
  if (method === 'POST' && pathname === '/participant/message') return 'SendMessage';
  if (method === 'POST' && /^\/v[\d.]+\/me\/messages$/.test(pathname)) return 'MessengerSend';
  return `${method} ${pathname}`;
}

function error(res: http.ServerResponse, status: number, type: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ __type: type, message: `${type} (scripted by the test)` }));
}
