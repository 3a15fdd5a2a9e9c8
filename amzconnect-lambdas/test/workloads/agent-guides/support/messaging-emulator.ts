import { EndpointRequest, json, LocalEndpoint } from '@amzconnect/testing';

/** A failure the emulator answers instead of sending. */
export interface EmulatedFailure {
  readonly status: number;
  /** The error's name, e.g. `NotFoundException`. */
  readonly type: string;
  readonly message: string;
  /** End User Messaging's `Reason` field. @default none */
  readonly reason?: string;
}

/**
 * Amazon SES v2 (`POST /v2/email/outbound-emails`, REST-JSON) and AWS End User Messaging SMS
 * (`PinpointSMSVoiceV2.SendTextMessage`, JSON 1.0) on one local endpoint, so the handlers' real
 * SDK clients run against it. It keeps every request and answers a message id, or `fail`.
 */
export class MessagingEmulator {
  public readonly emails: Record<string, unknown>[] = [];
  public readonly texts: Record<string, unknown>[] = [];
  /** The next answers are this failure, until cleared. */
  public fail?: EmulatedFailure;
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  private handle(req: EndpointRequest) {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'POST' && req.path === '/v2/email/outbound-emails') {
      if (this.fail)
        return json(this.fail.status, { message: this.fail.message }, { 'x-amzn-errortype': this.fail.type });
      this.emails.push(JSON.parse(req.body) as Record<string, unknown>);
      return json(200, { MessageId: `email-${this.emails.length}` });
    }
    if (req.method === 'POST' && target === 'PinpointSMSVoiceV2.SendTextMessage') {
      if (this.fail)
        return json(
          this.fail.status,
          {
            __type: this.fail.type,
            Message: this.fail.message,
            ...(this.fail.reason ? { Reason: this.fail.reason } : {}),
          },
          { 'content-type': 'application/x-amz-json-1.0' },
        );
      this.texts.push(JSON.parse(req.body) as Record<string, unknown>);
      return json(
        200,
        { MessageId: `sms-${this.texts.length}` },
        { 'content-type': 'application/x-amz-json-1.0' },
      );
    }
    return json(
      404,
      { message: `not emulated: ${req.method} ${req.path} ${target}` },
      { 'x-amzn-errortype': 'UnknownOperationException' },
    );
  }
}
