import { EndpointRequest, EndpointResponse, LocalEndpoint, awsError, json } from './local-endpoint';

/** A flow or module held by the emulator. */
export interface EmulatedFlow {
  readonly id: string;
  readonly arn: string;
  name: string;
  readonly type: string;
  description?: string;
  /** Published content, exactly as Connect stores (and returns) it. */
  content: string;
  readonly versions: { readonly version: number; readonly content: string; readonly description?: string }[];
  tags: Record<string, string>;
  /** `ACTIVE` or `ARCHIVED` (flows only; `ContactFlowState` in the SDK model). */
  state: 'ACTIVE' | 'ARCHIVED';
  /** Content saved in the console but not published (`<id>:$SAVED`). */
  savedContent?: string;
  /** Epoch milliseconds of the last change of content, name, description, state or draft. */
  lastModified: number;
}

/** A queue, prompt or hours of operation held by the emulator. */
export interface EmulatedResource {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
}

/**
 * How closely the emulator follows what real Connect does where it differs from the happy path.
 * Every behaviour is ON by default; tests that need the strict old behaviour turn one off.
 */
export interface ConnectRealism {
  /**
   * Stored content is re-serialized: compact, keys reordered, empty `Errors`/`Conditions` added to
   * every `Transitions`, numeric strings in `Parameters` coerced to numbers, `Metadata` rewritten.
   * Source: the Terraform AWS provider compares `aws_connect_contact_flow.content` with an
   * equivalent-JSON diff suppressor (`verify.SuppressEquivalentJSONDiffs`) because Connect does
   * not return the bytes it was given; the flow language reference shows stored flows carrying
   * `"Errors": []`/`"Conditions": []` (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-example.html).
   * @default true
   */
  readonly reserializeContent?: boolean;
  /**
   * Search omits `Content` for one flow in `n` (0 = never). `Content` is optional in the SDK's
   * `ContactFlow`/`ContactFlowModule` shapes (node_modules/@aws-sdk/client-connect/dist-types/models/models_1.d.ts),
   * and nobody here has seen a real instance's Search answer, so the engine must cope. @default 3
   */
  readonly searchOmitsContentEvery?: number;
  /** Every `n`th create succeeds but its response is lost (HTTP 500 after the write). 0 = never. @default 17 */
  readonly loseCreateResponseEvery?: number;
  /** Every `n`th request answers 500 `InternalServiceException` before doing anything. 0 = never. @default 41 */
  readonly serverErrorEvery?: number;
  /** Every `n`th request answers 429 `ThrottlingException`. 0 = never. @default 29 */
  readonly throttleEvery?: number;
  /**
   * Flows per instance and flow modules per instance (Amazon Connect service quotas, default 100
   * each, adjustable: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html).
   * A create beyond it answers 429 `LimitExceededException` (the SDK model's HTTP code for that error).
   * @default 100
   */
  readonly flowQuota?: number;
  /**
   * CreateContactFlowVersion refuses flows that are not of type CAMPAIGN ("This API only supports
   * creating versions for flows of type Campaign", SDK doc comment of CreateContactFlowVersionCommand).
   * @default true
   */
  readonly versionsOnlyForCampaign?: boolean;
}

/** Options of a {@link ConnectEmulator}. */
export interface ConnectEmulatorOptions {
  /** @default `11111111-2222-4333-8444-555555555555` */
  readonly instanceId?: string;
  /** @default 111111111111 */
  readonly account?: string;
  /** @default us-east-1 */
  readonly region?: string;
  /** Most items a list or search page returns, whatever `MaxResults` says. @default 1000 (lists), 100 (search) */
  readonly pageSize?: number;
  /** Realistic behaviours; `false` turns every one off. @default all on */
  readonly realism?: ConnectRealism | false;
  /** Time source of `LastModifiedTime`. @default Date.now */
  readonly now?: () => number;
}

/** One request the emulator answered. */
export interface EmulatedCall {
  readonly operation: string;
  readonly write: boolean;
  readonly status: number;
}

type Route = {
  readonly method: string;
  readonly pattern: RegExp;
  readonly operation: string;
  readonly write: boolean;
  /** Path parameter 0 is not an instance id (tag operations take an ARN). */
  readonly noInstance?: boolean;
  readonly handle: (req: EndpointRequest, params: string[]) => EndpointResponse;
};

/** Name length limit of flows and modules (API reference, CreateContactFlow `Name`: max 127). */
export const CONNECT_MAX_NAME_LENGTH = 127;
/** Content length limit (API reference, CreateContactFlow `Content`: max 256,000 characters). */
export const CONNECT_MAX_CONTENT_LENGTH = 256_000;

const STRICT: Required<ConnectRealism> = {
  reserializeContent: false,
  searchOmitsContentEvery: 0,
  loseCreateResponseEvery: 0,
  serverErrorEvery: 0,
  throttleEvery: 0,
  flowQuota: Number.MAX_SAFE_INTEGER,
  versionsOnlyForCampaign: false,
};

const REALISTIC: Required<ConnectRealism> = {
  reserializeContent: true,
  searchOmitsContentEvery: 3,
  loseCreateResponseEvery: 17,
  serverErrorEvery: 41,
  throttleEvery: 29,
  flowQuota: 100,
  versionsOnlyForCampaign: true,
};

/**
 * A stateful Amazon Connect instance behind a local endpoint speaking Connect's REST-JSON
 * protocol, for the real `@aws-sdk/client-connect`: flows, modules (with versions, tags, state,
 * drafts), queues, prompts, hours of operation, associated Lex V2 aliases and Lambdas.
 *
 * By default it behaves like the real service where that differs from the happy path (see
 * {@link ConnectRealism}): content re-serialized, Search without Content, lost create responses,
 * 5xx, throttling, the flow quota, name and content limits, versions only for CAMPAIGN flows,
 * ARCHIVED flows updated in place, `$SAVED` drafts. Content writes are validated like Connect
 * does it in spirit (JSON, start action, transitions, ARNs of this instance, no unresolved
 * `${...}`), answering `InvalidContactFlowException` with a problem list.
 */
export class ConnectEmulator {
  public readonly instanceId: string;
  public readonly account: string;
  public readonly region: string;
  public readonly flows = new Map<string, EmulatedFlow>();
  public readonly modules = new Map<string, EmulatedFlow>();
  public readonly queues: EmulatedResource[] = [];
  public readonly prompts: EmulatedResource[] = [];
  public readonly hours: EmulatedResource[] = [];
  /** Quick connects (ARN `.../transfer-destination/<id>`, Service Authorization Reference, resource type quick-connect). */
  public readonly quickConnects: EmulatedResource[] = [];
  /** Quick connects associated with each queue, by queue id. */
  public readonly queueQuickConnects = new Map<string, Set<string>>();
  public readonly lexAliasArns: string[] = [];
  public readonly lambdaArns: string[] = [];
  /** Every request answered, in order. */
  public readonly calls: EmulatedCall[] = [];
  /** The realistic behaviours in force. */
  public realism: Required<ConnectRealism>;
  private readonly pageSize?: number;
  private readonly now: () => number;
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));
  private readonly routes: Route[];
  private nextId = 1;
  private throttleBudget = 0;
  private throttleEveryNth = 0;
  private requestCount = 0;
  private createCount = 0;
  private searchItemCount = 0;
  private lostCreates = 0;
  private writesBeforeFailure?: number;
  private lastTime = 0;
  /** Flows and modules by name and by ARN: lookups stay O(1) at 5,000 flows. */
  private readonly flowsByName = new Map<string, EmulatedFlow>();
  private readonly modulesByName = new Map<string, EmulatedFlow>();
  private readonly byArnIndex = new Map<string, EmulatedFlow>();
  /** Bumped by every change; a search's matches are computed once per query and state. */
  private stamp = 0;
  private readonly matchCache = new Map<string, { readonly stamp: number; readonly matches: unknown[] }>();

  constructor(options: ConnectEmulatorOptions = {}) {
    this.instanceId = options.instanceId ?? '11111111-2222-4333-8444-555555555555';
    this.account = options.account ?? '111111111111';
    this.region = options.region ?? 'us-east-1';
    this.pageSize = options.pageSize;
    this.now = options.now ?? Date.now;
    this.realism = options.realism === false ? { ...STRICT } : { ...REALISTIC, ...(options.realism ?? {}) };
    this.routes = this.buildRoutes();
  }

  /** Starts the endpoint; returns its URL. */
  public start(): Promise<string> {
    return this.endpoint.start();
  }

  /** Stops the endpoint. */
  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  /** ARN prefix of the instance. */
  public get instanceArn(): string {
    return `arn:aws:connect:${this.region}:${this.account}:instance/${this.instanceId}`;
  }

  /** Adds a queue; returns it. */
  public addQueue(name: string): EmulatedResource {
    return this.addResource(this.queues, 'queue', name);
  }

  /** Adds a prompt; returns it. */
  public addPrompt(name: string): EmulatedResource {
    return this.addResource(this.prompts, 'prompt', name);
  }

  /** Adds hours of operation; returns them. */
  public addHours(name: string): EmulatedResource {
    return this.addResource(this.hours, 'operating-hours', name);
  }

  /** Adds a quick connect; returns it. */
  public addQuickConnect(name: string): EmulatedResource {
    return this.addResource(this.quickConnects, 'transfer-destination', name);
  }

  /** Associates a Lambda function ARN with the instance. */
  public associateLambda(arn: string): void {
    this.lambdaArns.push(arn);
  }

  /** Associates a Lex V2 bot alias ARN with the instance. */
  public associateBot(aliasArn: string): void {
    this.lexAliasArns.push(aliasArn);
  }

  /** Adds a flow directly (no validation, no re-serialization), e.g. one created by hand in the console. */
  public addFlow(flow: {
    name: string;
    type?: string;
    content: string;
    description?: string;
    tags?: Record<string, string>;
  }): EmulatedFlow {
    const id = this.newId();
    const f: EmulatedFlow = {
      id,
      arn: `${this.instanceArn}/contact-flow/${id}`,
      name: flow.name,
      type: flow.type ?? 'CONTACT_FLOW',
      description: flow.description,
      content: flow.content,
      versions: [],
      tags: { ...(flow.tags ?? {}) },
      state: 'ACTIVE',
      lastModified: this.tick(),
    };
    this.flows.set(id, f);
    this.indexNew(this.flowsByName, f);
    return f;
  }

  /** Adds a flow module directly (no validation, no re-serialization), e.g. one a previous run left. */
  public addModule(module: {
    name: string;
    content: string;
    description?: string;
    tags?: Record<string, string>;
  }): EmulatedFlow {
    const id = this.newId();
    const m: EmulatedFlow = {
      id,
      arn: `${this.instanceArn}/flow-module/${id}`,
      name: module.name,
      type: 'MODULE',
      description: module.description,
      content: module.content,
      versions: [],
      tags: { ...(module.tags ?? {}) },
      state: 'ACTIVE',
      lastModified: this.tick(),
    };
    this.modules.set(id, m);
    this.indexNew(this.modulesByName, m);
    return m;
  }

  /** Finds a flow by name (indexed). */
  public flowByName(name: string): EmulatedFlow | undefined {
    return this.flowsByName.get(name);
  }

  /** Finds a module by name (indexed). */
  public moduleByName(name: string): EmulatedFlow | undefined {
    return this.modulesByName.get(name);
  }

  /** Edits a flow's published content as a person in the console would (drift). */
  public editInConsole(name: string, edit: (content: Record<string, unknown>) => void): EmulatedFlow {
    const f = this.flowByName(name) ?? this.moduleByName(name);
    if (!f) throw new Error(`No flow or module ${name}`);
    const doc = JSON.parse(f.content) as Record<string, unknown>;
    edit(doc);
    f.content = this.store(JSON.stringify(doc));
    f.lastModified = this.tick();
    return f;
  }

  /** Saves a draft (`$SAVED`) of a flow without publishing it, as the console's Save does. */
  public saveDraft(name: string, content: string): void {
    const f = this.flowByName(name);
    if (!f) throw new Error(`No flow ${name}`);
    f.savedContent = content;
    f.lastModified = this.tick();
  }

  /** Archives a flow, as the console's Archive does. */
  public archive(name: string): void {
    const f = this.flowByName(name);
    if (!f) throw new Error(`No flow ${name}`);
    f.state = 'ARCHIVED';
    f.lastModified = this.tick();
  }

  /** Answers the next `count` requests with 429 `ThrottlingException`. */
  public throttleNext(count: number): void {
    this.throttleBudget += count;
  }

  /** Answers every `nth` request with 429, until {@link clearFaults}. */
  public throttleEvery(nth: number): void {
    this.throttleEveryNth = nth;
  }

  /** The next `count` creates succeed but answer 500, as when a response is lost on the way back. */
  public loseNextCreateResponses(count: number): void {
    this.lostCreates += count;
  }

  /**
   * Lets `count` more writes succeed, then answers every write with 403 `AccessDeniedException`
   * (not retryable), as when a run loses its credentials or its process half-way.
   */
  public failWritesAfter(count: number): void {
    this.writesBeforeFailure = count;
  }

  /** Removes every injected fault (the realistic background faults stay; set `realism` to change them). */
  public clearFaults(): void {
    this.throttleBudget = 0;
    this.throttleEveryNth = 0;
    this.lostCreates = 0;
    this.writesBeforeFailure = undefined;
  }

  /** Answered calls by operation (successful and failed). */
  public countByOperation(filter: (c: EmulatedCall) => boolean = () => true): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls.filter(filter)) out[c.operation] = (out[c.operation] ?? 0) + 1;
    return out;
  }

  /** Successful write calls since the log was last cleared. */
  public get successfulWrites(): number {
    return this.calls.filter((c) => c.write && c.status < 300).length;
  }

  /** Forgets the call log (state stays). */
  public resetCalls(): void {
    this.calls.length = 0;
  }

  /**
   * Content as Connect stores it: with re-serialization on, compact, every object's keys in
   * reverse order, empty `Errors`/`Conditions` added, numeric strings of `Parameters` made
   * numbers, and `Metadata` replaced by Connect's own layout record.
   */
  public store(content: string): string {
    if (!this.realism.reserializeContent) return content;
    const doc = JSON.parse(content) as { Actions?: Record<string, unknown>[]; Metadata?: unknown };
    for (const a of doc.Actions ?? []) {
      const t = (a.Transitions ?? {}) as Record<string, unknown>;
      a.Transitions = { ...t, Errors: t.Errors ?? [], Conditions: t.Conditions ?? [] };
      const p = a.Parameters as Record<string, unknown> | undefined;
      if (p)
        for (const [k, v] of Object.entries(p))
          if (typeof v === 'string' && /^\d+$/.test(v) && v.length < 10) p[k] = Number(v);
    }
    doc.Metadata = { entryPointPosition: { x: 40, y: 40 }, ActionMetadata: {}, savedBy: 'connect' };
    return JSON.stringify(reverseKeys(doc));
  }

  private handle(req: EndpointRequest): EndpointResponse {
    for (const route of this.routes) {
      if (route.method !== req.method) continue;
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const response = this.answer(route, req, m.slice(1));
      this.calls.push({ operation: route.operation, write: route.write, status: response.status });
      return response;
    }
    return awsError(404, 'UnknownOperationException', { Message: `No route for ${req.method} ${req.path}` });
  }

  private answer(route: Route, req: EndpointRequest, params: string[]): EndpointResponse {
    this.requestCount++;
    const n = this.requestCount;
    if (
      this.throttleBudget > 0 ||
      (this.throttleEveryNth > 0 && n % this.throttleEveryNth === 0) ||
      (this.realism.throttleEvery > 0 && n % this.realism.throttleEvery === 0)
    ) {
      if (this.throttleBudget > 0) this.throttleBudget--;
      // 429 ThrottlingException: the SDK model's error for exceeding the API rate.
      return awsError(429, 'ThrottlingException', { Message: 'Rate exceeded' });
    }
    if (this.realism.serverErrorEvery > 0 && n % this.realism.serverErrorEvery === 0) {
      // 500 InternalServiceException: in the SDK model of every Connect operation; retryable.
      return awsError(500, 'InternalServiceException', { Message: 'Request processing failed' });
    }
    const instance = route.noInstance
      ? this.instanceId
      : route.operation.startsWith('Search')
        ? (JSON.parse(req.body || '{}') as { InstanceId?: string }).InstanceId
        : params[0];
    if (instance !== this.instanceId) {
      return awsError(404, 'ResourceNotFoundException', { Message: `Instance ${instance} not found` });
    }
    if (route.write && this.writesBeforeFailure !== undefined) {
      if (this.writesBeforeFailure <= 0)
        return awsError(403, 'AccessDeniedException', { Message: 'Injected failure: writes denied' });
      this.writesBeforeFailure--;
    }
    const response = route.handle(req, params);
    if (route.operation.startsWith('Create') && route.operation !== 'CreateContactFlowVersion') {
      if (response.status === 200) this.createCount++;
      const lose =
        this.lostCreates > 0 ||
        (this.realism.loseCreateResponseEvery > 0 &&
          this.createCount % this.realism.loseCreateResponseEvery === 0);
      if (response.status === 200 && lose) {
        if (this.lostCreates > 0) this.lostCreates--;
        // The write happened; the caller sees a 5xx and (the SDK) retries: CreateContactFlow has
        // no ClientToken in the SDK model, so the retry meets DuplicateResourceException.
        return awsError(500, 'InternalServiceException', { Message: 'Response lost after the write' });
      }
    }
    return response;
  }

  private buildRoutes(): Route[] {
    const id = '([^/]+)';
    const r = (
      method: string,
      path: string,
      operation: string,
      write: boolean,
      handle: Route['handle'],
      noInstance = false,
    ): Route => ({
      method,
      pattern: new RegExp(`^${path}$`),
      operation,
      write,
      handle,
      noInstance,
    });
    return [
      r('GET', `/contact-flows-summary/${id}`, 'ListContactFlows', false, (q) => {
        const types = q.query.get('contactFlowTypes') ?? '';
        const all = this.matching(`ListContactFlows ${types}`, () =>
          [...this.flows.values()].filter((f) => !types || types.split(',').includes(f.type)),
        );
        // ContactFlowSummary (SDK model): no tags, no content, no LastModifiedTime.
        return this.page(q, all, 'ContactFlowSummaryList', (f) => ({
          Id: f.id,
          Arn: f.arn,
          Name: f.name,
          ContactFlowType: f.type,
          ContactFlowState: f.state,
          ContactFlowStatus: 'PUBLISHED',
        }));
      }),
      r('GET', `/contact-flow-modules-summary/${id}`, 'ListContactFlowModules', false, (q) =>
        this.page(
          q,
          this.matching('ListContactFlowModules', () => [...this.modules.values()]),
          'ContactFlowModulesSummaryList',
          (m) => ({
            Id: m.id,
            Arn: m.arn,
            Name: m.name,
            State: 'ACTIVE',
          }),
        ),
      ),
      r('POST', '/search-contact-flows', 'SearchContactFlows', false, (q) =>
        this.search(q, 'flows', 'ContactFlows', (f) => this.omitContent(this.flowJson(f))),
      ),
      r('POST', '/search-contact-flow-modules', 'SearchContactFlowModules', false, (q) =>
        this.search(q, 'modules', 'ContactFlowModules', (m) => this.omitContent(this.moduleJson(m))),
      ),
      r('GET', `/contact-flows/${id}/${id}`, 'DescribeContactFlow', false, (_q, [, ref]) => {
        // `<id>:$SAVED` reads the unpublished draft (API reference, DescribeContactFlow).
        const [fid, alias] = ref.split(':');
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        if (alias === '$SAVED') {
          if (f.savedContent === undefined) return notFound('saved content of contact flow', fid);
          return json(200, {
            ContactFlow: { ...this.flowJson(f), Content: f.savedContent, Status: 'SAVED' },
          });
        }
        return json(200, { ContactFlow: this.flowJson(f) });
      }),
      r('GET', `/contact-flow-modules/${id}/${id}`, 'DescribeContactFlowModule', false, (_q, [, mid]) => {
        const m = this.modules.get(mid);
        return m ? json(200, { ContactFlowModule: this.moduleJson(m) }) : notFound('flow module', mid);
      }),
      r('PUT', `/contact-flows/${id}`, 'CreateContactFlow', true, (q) => {
        const b = JSON.parse(q.body) as {
          Name: string;
          Type: string;
          Description?: string;
          Content: string;
          Tags?: Record<string, string>;
        };
        const limits = this.limits(b.Name, b.Content);
        if (limits) return limits;
        if (this.flowByName(b.Name))
          return awsError(409, 'DuplicateResourceException', { Message: `A flow named ${b.Name} exists` });
        if (this.flows.size >= this.realism.flowQuota) return quotaExceeded('flows');
        const problems = this.validate(b.Content);
        if (problems.length > 0) return invalidFlow(problems);
        const f = this.addFlow({
          name: b.Name,
          type: b.Type,
          content: this.store(b.Content),
          description: b.Description,
          tags: b.Tags,
        });
        return json(200, { ContactFlowId: f.id, ContactFlowArn: f.arn });
      }),
      r('PUT', `/contact-flow-modules/${id}`, 'CreateContactFlowModule', true, (q) => {
        const b = JSON.parse(q.body) as {
          Name: string;
          Description?: string;
          Content: string;
          Tags?: Record<string, string>;
        };
        const limits = this.limits(b.Name, b.Content);
        if (limits) return limits;
        if (this.moduleByName(b.Name))
          return awsError(409, 'DuplicateResourceException', { Message: `A module named ${b.Name} exists` });
        if (this.modules.size >= this.realism.flowQuota) return quotaExceeded('flow modules');
        const problems = this.validate(b.Content);
        if (problems.length > 0) return invalidModule(problems);
        const mid = this.newId();
        const m: EmulatedFlow = {
          id: mid,
          arn: `${this.instanceArn}/flow-module/${mid}`,
          name: b.Name,
          type: 'MODULE',
          description: b.Description,
          content: this.store(b.Content),
          versions: [],
          tags: { ...(b.Tags ?? {}) },
          state: 'ACTIVE',
          lastModified: this.tick(),
        };
        this.modules.set(mid, m);
        this.indexNew(this.modulesByName, m);
        return json(200, { Id: m.id, Arn: m.arn });
      }),
      r('POST', `/contact-flows/${id}/${id}/content`, 'UpdateContactFlowContent', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        const content = (JSON.parse(q.body) as { Content: string }).Content;
        const limits = this.limits(f.name, content);
        if (limits) return limits;
        const problems = this.validate(content);
        if (problems.length > 0) return invalidFlow(problems);
        // Publishing replaces the draft; an ARCHIVED flow is updated in place and stays ARCHIVED.
        f.content = this.store(content);
        f.savedContent = undefined;
        f.lastModified = this.tick();
        return json(200, {});
      }),
      r('POST', `/contact-flows/${id}/${id}/name`, 'UpdateContactFlowName', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        const b = JSON.parse(q.body) as { Name?: string; Description?: string };
        if (b.Name && b.Name.length > CONNECT_MAX_NAME_LENGTH) return this.limits(b.Name, '')!;
        if (b.Name && b.Name !== f.name && this.flowByName(b.Name)) {
          return awsError(409, 'DuplicateResourceException', { Message: `A flow named ${b.Name} exists` });
        }
        if (b.Name) this.rename(this.flowsByName, f, b.Name);
        if (b.Description !== undefined) f.description = b.Description;
        f.lastModified = this.tick();
        return json(200, {});
      }),
      r('POST', `/contact-flows/${id}/${id}/metadata`, 'UpdateContactFlowMetadata', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        const b = JSON.parse(q.body) as { Name?: string; Description?: string; ContactFlowState?: string };
        if (b.Name) this.rename(this.flowsByName, f, b.Name);
        if (b.Description !== undefined) f.description = b.Description;
        if (b.ContactFlowState === 'ACTIVE' || b.ContactFlowState === 'ARCHIVED')
          f.state = b.ContactFlowState;
        f.lastModified = this.tick();
        return json(200, {});
      }),
      r('PUT', `/contact-flows/${id}/${id}/version`, 'CreateContactFlowVersion', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        if (this.realism.versionsOnlyForCampaign && f.type !== 'CAMPAIGN')
          return awsError(400, 'InvalidRequestException', {
            Message: `Versions can only be created for flows of type CAMPAIGN, not ${f.type}`,
          });
        const version = f.versions.length + 1;
        f.versions.push({
          version,
          content: f.content,
          description: (JSON.parse(q.body || '{}') as { Description?: string }).Description,
        });
        return json(200, { ContactFlowArn: `${f.arn}:${version}`, Version: version });
      }),
      r(
        'POST',
        `/contact-flow-modules/${id}/${id}/content`,
        'UpdateContactFlowModuleContent',
        true,
        (q, [, mid]) => {
          const m = this.modules.get(mid);
          if (!m) return notFound('flow module', mid);
          const content = (JSON.parse(q.body) as { Content: string }).Content;
          const limits = this.limits(m.name, content);
          if (limits) return limits;
          const problems = this.validate(content);
          if (problems.length > 0) return invalidModule(problems);
          m.content = this.store(content);
          m.lastModified = this.tick();
          return json(200, {});
        },
      ),
      r(
        'POST',
        `/contact-flow-modules/${id}/${id}/metadata`,
        'UpdateContactFlowModuleMetadata',
        true,
        (q, [, mid]) => {
          const m = this.modules.get(mid);
          if (!m) return notFound('flow module', mid);
          const b = JSON.parse(q.body) as { Name?: string; Description?: string };
          if (b.Name && b.Name !== m.name && this.moduleByName(b.Name)) {
            return awsError(409, 'DuplicateResourceException', {
              Message: `A module named ${b.Name} exists`,
            });
          }
          if (b.Name) this.rename(this.modulesByName, m, b.Name);
          if (b.Description !== undefined) m.description = b.Description;
          m.lastModified = this.tick();
          return json(200, {});
        },
      ),
      r(
        'POST',
        `/tags/(.+)`,
        'TagResource',
        true,
        (q, [arn]) => {
          const target = this.byArn(arn);
          if (!target) return notFound('resource', arn);
          const b = JSON.parse(q.body || '{}') as { tags?: Record<string, string> };
          target.tags = { ...target.tags, ...(b.tags ?? {}) };
          this.stamp++;
          return json(200, {});
        },
        true,
      ),
      r(
        'GET',
        `/tags/(.+)`,
        'ListTagsForResource',
        false,
        (_q, [arn]) => {
          const target = this.byArn(arn);
          return target ? json(200, { tags: target.tags }) : notFound('resource', arn);
        },
        true,
      ),
      // AssociateQueueQuickConnects / DisassociateQueueQuickConnects: QuickConnectIds has 1 to 50
      // members (API reference, "Array Members"); an unknown queue or quick connect is
      // ResourceNotFoundException, a bad list InvalidParameterException (both listed errors).
      r('POST', `/queues/${id}/${id}/associate-quick-connects`, 'AssociateQueueQuickConnects', true, (q, p) =>
        this.queueQuickConnectsWrite(q, p[1], 'associate'),
      ),
      r(
        'POST',
        `/queues/${id}/${id}/disassociate-quick-connects`,
        'DisassociateQueueQuickConnects',
        true,
        (q, p) => this.queueQuickConnectsWrite(q, p[1], 'disassociate'),
      ),
      r('GET', `/queues/${id}/${id}/quick-connects`, 'ListQueueQuickConnects', false, (q, p) => {
        if (!this.queues.some((x) => x.id === p[1])) return notFound('queue', p[1]);
        const ids = this.queueQuickConnects.get(p[1]) ?? new Set<string>();
        // MaxResults 1-100 (API reference, ListQueueQuickConnects).
        return this.page(
          q,
          this.quickConnects.filter((c) => ids.has(c.id)),
          'QuickConnectSummaryList',
          (c) => ({ Id: c.id, Arn: c.arn, Name: c.name, QuickConnectType: 'QUEUE' }),
          100,
        );
      }),
      r('GET', `/queues-summary/${id}`, 'ListQueues', false, (q) =>
        this.page(q, this.queues, 'QueueSummaryList', (x) => ({
          Id: x.id,
          Arn: x.arn,
          Name: x.name,
          QueueType: 'STANDARD',
        })),
      ),
      r('GET', `/prompts-summary/${id}`, 'ListPrompts', false, (q) =>
        this.page(q, this.prompts, 'PromptSummaryList', (x) => ({ Id: x.id, Arn: x.arn, Name: x.name })),
      ),
      r('GET', `/hours-of-operations-summary/${id}`, 'ListHoursOfOperations', false, (q) =>
        this.page(q, this.hours, 'HoursOfOperationSummaryList', (x) => ({
          Id: x.id,
          Arn: x.arn,
          Name: x.name,
        })),
      ),
      r('GET', `/instance/${id}/bots`, 'ListBots', false, (q) =>
        this.page(q, this.lexAliasArns, 'LexBots', (a) => ({ LexV2Bot: { AliasArn: a } }), 25),
      ),
      r('GET', `/instance/${id}/lambda-functions`, 'ListLambdaFunctions', false, (q) =>
        this.page(q, this.lambdaArns, 'LambdaFunctions', (a) => a, 25),
      ),
    ];
  }

  /** Name and content limits of the API reference (CreateContactFlow: Name 1-127, Content 1-256,000). */
  private limits(name: string, content: string): EndpointResponse | undefined {
    if (name.length > CONNECT_MAX_NAME_LENGTH)
      return awsError(400, 'InvalidParameterException', {
        Message: `Name must be at most ${CONNECT_MAX_NAME_LENGTH} characters`,
      });
    if (content.length > CONNECT_MAX_CONTENT_LENGTH)
      return awsError(400, 'InvalidParameterException', {
        Message: `Content must be at most ${CONNECT_MAX_CONTENT_LENGTH} characters`,
      });
    return undefined;
  }

  private byArn(arn: string): EmulatedFlow | undefined {
    return this.byArnIndex.get(arn);
  }

  private indexNew(byName: Map<string, EmulatedFlow>, f: EmulatedFlow): void {
    if (!byName.has(f.name)) byName.set(f.name, f);
    this.byArnIndex.set(f.arn, f);
    this.stamp++;
  }

  private rename(byName: Map<string, EmulatedFlow>, f: EmulatedFlow, name: string): void {
    if (byName.get(f.name) === f) byName.delete(f.name);
    f.name = name;
    byName.set(name, f);
    this.stamp++;
  }

  /**
   * The items matching one query, computed once per query and emulator state, so that paging
   * through 5,000 flows costs O(page) per call instead of a filter over every flow.
   */
  private matching<T>(key: string, compute: () => T[]): T[] {
    const hit = this.matchCache.get(key);
    if (hit && hit.stamp === this.stamp) return hit.matches as T[];
    const matches = compute();
    this.matchCache.set(key, { stamp: this.stamp, matches });
    return matches;
  }

  private omitContent<T extends { Content?: string }>(item: T): T {
    const every = this.realism.searchOmitsContentEvery;
    this.searchItemCount++;
    if (every > 0 && this.searchItemCount % every === 0) return { ...item, Content: undefined };
    return item;
  }

  private page<T>(
    q: EndpointRequest,
    all: readonly T[],
    listName: string,
    map: (t: T) => unknown,
    maxPage = 1000,
  ): EndpointResponse {
    // MaxResults: 1-1000 for ListContactFlows, ListContactFlowModules, ListQueues, ListPrompts,
    // ListHoursOfOperations; 1-25 for ListBots and ListLambdaFunctions (API reference "Valid Range").
    const max = Math.min(
      Number(q.query.get('maxResults') ?? '100') || 100,
      this.pageSize ?? maxPage,
      maxPage,
    );
    return this.slice(all, q.query.get('nextToken') ?? undefined, max, listName, map);
  }

  private search(
    q: EndpointRequest,
    kind: 'flows' | 'modules',
    listName: string,
    map: (t: EmulatedFlow) => unknown,
  ): EndpointResponse {
    const b = JSON.parse(q.body || '{}') as {
      MaxResults?: number;
      NextToken?: string;
      SearchCriteria?: SearchCriteria;
    };
    const criteria = b.SearchCriteria;
    const byName = kind === 'flows' ? this.flowsByName : this.modulesByName;
    const exact = criteria?.StringCondition;
    const matches =
      exact?.FieldName === 'name' && exact.ComparisonType === 'EXACT' && !criteria?.OrConditions
        ? [byName.get(exact.Value ?? '')].filter((f): f is EmulatedFlow => !!f)
        : this.matching(`${kind} ${JSON.stringify(criteria ?? {})}`, () =>
            [...(kind === 'flows' ? this.flows : this.modules).values()].filter((f) =>
              matchesCriteria(f, criteria),
            ),
          );
    // SearchContactFlows / SearchContactFlowModules: MaxResults 1-100 (API reference "Valid Range").
    return this.slice(
      matches,
      b.NextToken,
      Math.min(b.MaxResults ?? 100, this.pageSize ?? 100, 100),
      listName,
      map,
    );
  }

  private slice<T>(
    all: readonly T[],
    token: string | undefined,
    max: number,
    listName: string,
    map: (t: T) => unknown,
  ): EndpointResponse {
    const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    const items = all.slice(start, start + max).map(map);
    const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
    return json(200, { [listName]: items, ...(next ? { NextToken: next } : {}) });
  }

  private flowJson(f: EmulatedFlow) {
    return {
      Id: f.id,
      Arn: f.arn,
      Name: f.name,
      Type: f.type,
      State: f.state,
      Status: 'PUBLISHED',
      Description: f.description,
      Content: f.content,
      Tags: f.tags,
      LastModifiedTime: f.lastModified / 1000,
      LastModifiedRegion: this.region,
    };
  }

  private moduleJson(m: EmulatedFlow) {
    return {
      Id: m.id,
      Arn: m.arn,
      Name: m.name,
      State: 'ACTIVE',
      Status: 'PUBLISHED',
      Description: m.description,
      Content: m.content,
      Tags: m.tags,
    };
  }

  private validate(content: string): string[] {
    let doc: { StartAction?: unknown; Actions?: unknown };
    try {
      doc = JSON.parse(content) as typeof doc;
    } catch {
      return ['Content is not valid JSON'];
    }
    const problems: string[] = [];
    if (!Array.isArray(doc.Actions)) return ['Actions must be a list'];
    const actions = doc.Actions as {
      Identifier?: string;
      Transitions?: {
        NextAction?: string;
        Errors?: { NextAction?: string }[];
        Conditions?: { NextAction?: string }[];
      };
    }[];
    const ids = new Set(actions.map((a) => a.Identifier));
    if (typeof doc.StartAction !== 'string' || !ids.has(doc.StartAction))
      problems.push(`StartAction ${String(doc.StartAction)} is not an action of the flow`);
    for (const a of actions) {
      const t = a.Transitions ?? {};
      for (const next of [
        t.NextAction,
        ...(t.Errors ?? []).map((e) => e.NextAction),
        ...(t.Conditions ?? []).map((c) => c.NextAction),
      ]) {
        if (next !== undefined && next !== '' && !ids.has(next))
          problems.push(`Action ${a.Identifier} transitions to unknown action ${next}`);
      }
    }
    const unresolved = content.match(/\$\{[^}]*\}/g);
    if (unresolved) problems.push(`Unresolved references: ${[...new Set(unresolved)].join(', ')}`);
    const arnRe =
      /arn:aws:connect:[^:"]+:\d+:instance\/([^/"]+)\/(contact-flow|flow-module|queue|prompt|operating-hours)\/([^"/:]+)/g;
    for (const m of content.matchAll(arnRe)) {
      const [arn, instance, kind, rid] = m;
      const exists =
        instance === this.instanceId &&
        (kind === 'contact-flow'
          ? this.flows.has(rid)
          : kind === 'flow-module'
            ? this.modules.has(rid)
            : (kind === 'queue' ? this.queues : kind === 'prompt' ? this.prompts : this.hours).some(
                (x) => x.id === rid,
              ));
      if (!exists) problems.push(`Resource ${arn} does not exist in instance ${this.instanceId}`);
    }
    return problems;
  }

  private queueQuickConnectsWrite(
    q: EndpointRequest,
    queueId: string,
    operation: 'associate' | 'disassociate',
  ): EndpointResponse {
    const ids = (JSON.parse(q.body || '{}') as { QuickConnectIds?: string[] }).QuickConnectIds ?? [];
    if (ids.length < 1 || ids.length > 50)
      return awsError(400, 'InvalidParameterException', {
        Message: `QuickConnectIds must have 1 to 50 members, got ${ids.length}`,
      });
    if (!this.queues.some((x) => x.id === queueId)) return notFound('queue', queueId);
    const unknown = ids.find((i) => !this.quickConnects.some((c) => c.id === i));
    if (unknown) return notFound('quick connect', unknown);
    const set = this.queueQuickConnects.get(queueId) ?? new Set<string>();
    for (const i of ids) {
      if (operation === 'associate') set.add(i);
      else set.delete(i);
    }
    this.queueQuickConnects.set(queueId, set);
    return json(200, {});
  }

  private addResource(list: EmulatedResource[], kind: string, name: string): EmulatedResource {
    const rid = this.newId();
    const r = { id: rid, arn: `${this.instanceArn}/${kind}/${rid}`, name };
    list.push(r);
    return r;
  }

  private newId(): string {
    const n = this.nextId++;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }

  /**
   * The modification time of a change: the service's clock, never earlier than a previous change
   * (whole milliseconds, like Connect's epoch seconds with fraction). Changes within one
   * millisecond share it, as on a real server; a time ahead of the clock would make a write look
   * later than the writer saw it finish, which no server clock does.
   */
  private tick(): number {
    this.stamp++;
    this.lastTime = Math.max(this.now(), this.lastTime);
    return this.lastTime;
  }
}

/**
 * `ContactFlowSearchCriteria` / `ContactFlowModuleSearchCriteria` (SDK model, models_4.d.ts):
 * `OrConditions`, `AndConditions`, a `StringCondition` (here on `name`: `EXACT`, `STARTS_WITH`,
 * `CONTAINS`), `TypeCondition` and `StateCondition`.
 */
interface SearchCriteria {
  readonly OrConditions?: readonly SearchCriteria[];
  readonly AndConditions?: readonly SearchCriteria[];
  readonly StringCondition?: { FieldName?: string; Value?: string; ComparisonType?: string };
  readonly TypeCondition?: string;
  readonly StateCondition?: string;
}

function matchesCriteria(f: EmulatedFlow, c: SearchCriteria | undefined): boolean {
  if (!c) return true;
  if (c.OrConditions && !c.OrConditions.some((o) => matchesCriteria(f, o))) return false;
  if (c.AndConditions && !c.AndConditions.every((a) => matchesCriteria(f, a))) return false;
  if (c.TypeCondition && f.type !== c.TypeCondition) return false;
  if (c.StateCondition && f.state !== c.StateCondition) return false;
  const s = c.StringCondition;
  if (s) {
    if (s.FieldName !== 'name') return false;
    const v = s.Value ?? '';
    if (s.ComparisonType === 'STARTS_WITH') return f.name.startsWith(v);
    if (s.ComparisonType === 'EXACT') return f.name === v;
    return f.name.includes(v);
  }
  return true;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse())
      out[key] = reverseKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function notFound(what: string, id: string): EndpointResponse {
  return awsError(404, 'ResourceNotFoundException', { Message: `No ${what} ${id}` });
}

function quotaExceeded(what: string): EndpointResponse {
  // LimitExceededException is HTTP 429 in the SDK model (errors.d.ts), like throttling.
  return awsError(429, 'LimitExceededException', {
    Message: `The allowed limit for ${what} per instance has been exceeded`,
  });
}

function invalidFlow(problems: string[]): EndpointResponse {
  return awsError(400, 'InvalidContactFlowException', {
    message: 'The flow is not valid.',
    problems: problems.map((message) => ({ message })),
  });
}

function invalidModule(problems: string[]): EndpointResponse {
  return awsError(400, 'InvalidContactFlowModuleException', {
    Message: 'The flow module is not valid.',
    Problems: problems.map((message) => ({ message })),
  });
}
