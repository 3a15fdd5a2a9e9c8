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

/** The prerequisites the readiness check reads, as the account and Region hold them. */
export interface EmulatedSenders {
  /** SES v2 GetAccount: `ProductionAccessEnabled`, `SendingEnabled`. */
  account: { ProductionAccessEnabled: boolean; SendingEnabled: boolean };
  /** SES identities and their `VerifiedForSendingStatus`. */
  identities: Map<string, boolean>;
  templates: Set<string>;
  /** SES configuration sets and their `SendingOptions.SendingEnabled`. */
  configurationSets: Map<string, boolean>;
  /** End User Messaging phone numbers and pools by id, with their `Status`. */
  originationIdentities: Map<string, string>;
  smsConfigurationSets: Set<string>;
}

/**
 * Amazon SES v2 (`POST /v2/email/outbound-emails`, REST-JSON) and AWS End User Messaging SMS
 * (`PinpointSMSVoiceV2.SendTextMessage`, JSON 1.0) on one local endpoint, so the handlers' real
 * SDK clients run against it. It keeps every request and answers a message id, or `fail`. It also
 * answers the read-only calls of the readiness check from `senders` (SES GetAccount,
 * GetEmailIdentity, GetEmailTemplate, GetConfigurationSet; End User Messaging
 * DescribePhoneNumbers, DescribePools, DescribeConfigurationSets).
 */
export class MessagingEmulator {
  public readonly emails: Record<string, unknown>[] = [];
  public readonly texts: Record<string, unknown>[] = [];
  /** The next answers are this failure, until cleared. */
  public fail?: EmulatedFailure;
  /** The next texts (only) fail with this error, until cleared; e-mails still go out. */
  public failTexts?: EmulatedFailure;
  /** The next readiness look-ups fail with this error, until cleared. */
  public failLookups?: EmulatedFailure;
  public senders: EmulatedSenders = MessagingEmulator.noSenders();
  /** Every read-only call, as `Service.Operation`. */
  public readonly lookups: string[] = [];

  /** An account with nothing set up (SES sandbox, no identity, template or number). */
  public static noSenders(): EmulatedSenders {
    return {
      account: { ProductionAccessEnabled: false, SendingEnabled: true },
      identities: new Map(),
      templates: new Set(),
      configurationSets: new Map(),
      originationIdentities: new Map(),
      smsConfigurationSets: new Set(),
    };
  }
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  /** Forgets what was sent and clears the send failures (senders and look-ups are kept). */
  public reset(): void {
    this.emails.length = 0;
    this.texts.length = 0;
    this.fail = undefined;
    this.failTexts = undefined;
  }

  private handle(req: EndpointRequest) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const lookup = this.lookup(req, target);
    if (lookup) return lookup;
    if (req.method === 'POST' && req.path === '/v2/email/outbound-emails') {
      if (this.fail)
        return json(this.fail.status, { message: this.fail.message }, { 'x-amzn-errortype': this.fail.type });
      this.emails.push(JSON.parse(req.body) as Record<string, unknown>);
      return json(200, { MessageId: `email-${this.emails.length}` });
    }
    if (req.method === 'POST' && target === 'PinpointSMSVoiceV2.SendTextMessage') {
      const fail = this.failTexts ?? this.fail;
      if (fail)
        return json(
          fail.status,
          {
            __type: fail.type,
            Message: fail.message,
            ...(fail.reason ? { Reason: fail.reason } : {}),
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

  /**
   * The readiness look-ups. SES v2 (REST-JSON, paths from the SDK's operation schemas) answers an
   * unknown name with HTTP 404 `NotFoundException`; End User Messaging (JSON 1.0) answers an
   * unknown id or name in `PhoneNumberIds` / `PoolIds` / `ConfigurationSetNames` with
   * `ResourceNotFoundException` (API reference of DescribePhoneNumbers, DescribePools,
   * DescribeConfigurationSets: "If you specify ... that isn't valid, an error is returned").
   */
  private lookup(req: EndpointRequest, target: string) {
    const s = this.senders;
    const sesNotFound = (what: string) =>
      json(404, { message: `${what} does not exist.` }, { 'x-amzn-errortype': 'NotFoundException' });
    const sesFailure = () =>
      json(
        this.failLookups!.status,
        { message: this.failLookups!.message },
        { 'x-amzn-errortype': this.failLookups!.type },
      );
    if (req.method === 'GET' && req.path.startsWith('/v2/email/')) {
      const [, , , kind, name] = req.path.split('/');
      this.lookups.push(`SESv2.${kind}`);
      if (this.failLookups) return sesFailure();
      if (kind === 'account') return json(200, { ...s.account, DedicatedIpAutoWarmupEnabled: false });
      if (kind === 'identities')
        return s.identities.has(name)
          ? json(200, {
              IdentityType: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
              VerifiedForSendingStatus: s.identities.get(name),
              VerificationStatus: s.identities.get(name) ? 'SUCCESS' : 'PENDING',
            })
          : sesNotFound(`Identity ${name}`);
      if (kind === 'templates')
        return s.templates.has(name)
          ? json(200, {
              TemplateName: name,
              TemplateContent: { Subject: 'Notice', Text: '{{CustomerName}}' },
            })
          : sesNotFound(`Template ${name}`);
      if (kind === 'configuration-sets')
        return s.configurationSets.has(name)
          ? json(200, {
              ConfigurationSetName: name,
              SendingOptions: { SendingEnabled: s.configurationSets.get(name) },
            })
          : sesNotFound(`Configuration set ${name}`);
      return undefined;
    }
    const describe =
      /^PinpointSMSVoiceV2\.(DescribePhoneNumbers|DescribePools|DescribeConfigurationSets)$/.exec(target);
    if (req.method !== 'POST' || !describe) return undefined;
    this.lookups.push(`SMSVoiceV2.${describe[1]}`);
    const headers = { 'content-type': 'application/x-amz-json-1.0' };
    if (this.failLookups)
      return json(
        this.failLookups.status,
        { __type: this.failLookups.type, Message: this.failLookups.message },
        headers,
      );
    const body = JSON.parse(req.body) as Record<string, string[] | undefined>;
    const notFound = (type: string, id: string) =>
      json(
        400,
        {
          __type: 'ResourceNotFoundException',
          Message: `${type} ${id} not found`,
          ResourceType: type,
          ResourceId: id,
        },
        headers,
      );
    if (describe[1] === 'DescribeConfigurationSets') {
      const names = body.ConfigurationSetNames ?? [];
      const unknown = names.find((n) => !s.smsConfigurationSets.has(n));
      if (unknown) return notFound('configuration-set', unknown);
      return json(200, { ConfigurationSets: names.map((n) => ({ ConfigurationSetName: n })) }, headers);
    }
    const ids = (describe[1] === 'DescribePools' ? body.PoolIds : body.PhoneNumberIds) ?? [];
    const unknown = ids.find((id) => !s.originationIdentities.has(id));
    if (unknown) return notFound(describe[1] === 'DescribePools' ? 'pool' : 'phone-number', unknown);
    const items = ids.map((id) =>
      describe[1] === 'DescribePools'
        ? { PoolId: id, Status: s.originationIdentities.get(id) }
        : { PhoneNumberId: id, Status: s.originationIdentities.get(id) },
    );
    return json(200, describe[1] === 'DescribePools' ? { Pools: items } : { PhoneNumbers: items }, headers);
  }
}
