import { EndpointRequest, EndpointResponse, LocalEndpoint, awsError, json } from './local-endpoint';

/** A flow or module held by the emulator. */
export interface EmulatedFlow {
  readonly id: string;
  readonly arn: string;
  name: string;
  readonly type: string;
  description?: string;
  content: string;
  readonly versions: { readonly version: number; readonly content: string; readonly description?: string }[];
}

/** A queue, prompt or hours of operation held by the emulator. */
export interface EmulatedResource {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
}

/** Options of a {@link ConnectEmulator}. */
export interface ConnectEmulatorOptions {
  /** @default `11111111-2222-4333-8444-555555555555` */
  readonly instanceId?: string;
  /** @default 111111111111 */
  readonly account?: string;
  /** @default us-east-1 */
  readonly region?: string;
  /** Most items a list or search page returns, whatever `MaxResults` says. @default 100 */
  readonly pageSize?: number;
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
  readonly handle: (req: EndpointRequest, params: string[]) => EndpointResponse;
};

/**
 * A stateful Amazon Connect instance behind a local endpoint speaking Connect's REST-JSON
 * protocol, for the real `@aws-sdk/client-connect`: flows, modules (with versions), queues,
 * prompts, hours of operation, associated Lex V2 aliases and Lambdas. Lists and searches page
 * after `pageSize` items; content writes are validated like Connect does it in spirit (JSON,
 * start action, transitions, ARNs of this instance, no unresolved `${...}`), answering
 * `InvalidContactFlowException` with a problem list; 429s and failing writes are injected on
 * demand; every request is logged by operation.
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
  public readonly lexAliasArns: string[] = [];
  public readonly lambdaArns: string[] = [];
  /** Every request answered, in order. */
  public readonly calls: EmulatedCall[] = [];
  private readonly pageSize: number;
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));
  private readonly routes: Route[];
  private nextId = 1;
  private throttleBudget = 0;
  private throttleEveryNth = 0;
  private requestCount = 0;
  private writesBeforeFailure?: number;

  constructor(options: ConnectEmulatorOptions = {}) {
    this.instanceId = options.instanceId ?? '11111111-2222-4333-8444-555555555555';
    this.account = options.account ?? '111111111111';
    this.region = options.region ?? 'us-east-1';
    this.pageSize = options.pageSize ?? 100;
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

  /** Associates a Lambda function ARN with the instance. */
  public associateLambda(arn: string): void {
    this.lambdaArns.push(arn);
  }

  /** Associates a Lex V2 bot alias ARN with the instance. */
  public associateBot(aliasArn: string): void {
    this.lexAliasArns.push(aliasArn);
  }

  /** Adds a flow directly (no validation), e.g. one created by hand in the console. */
  public addFlow(flow: { name: string; type?: string; content: string; description?: string }): EmulatedFlow {
    const id = this.newId();
    const f: EmulatedFlow = {
      id,
      arn: `${this.instanceArn}/contact-flow/${id}`,
      name: flow.name,
      type: flow.type ?? 'CONTACT_FLOW',
      description: flow.description,
      content: flow.content,
      versions: [],
    };
    this.flows.set(id, f);
    return f;
  }

  /** Finds a flow by name. */
  public flowByName(name: string): EmulatedFlow | undefined {
    return [...this.flows.values()].find((f) => f.name === name);
  }

  /** Finds a module by name. */
  public moduleByName(name: string): EmulatedFlow | undefined {
    return [...this.modules.values()].find((f) => f.name === name);
  }

  /** Answers the next `count` requests with 429 `ThrottlingException`. */
  public throttleNext(count: number): void {
    this.throttleBudget += count;
  }

  /** Answers every `nth` request with 429, until {@link clearFaults}. */
  public throttleEvery(nth: number): void {
    this.throttleEveryNth = nth;
  }

  /**
   * Lets `count` more writes succeed, then answers every write with 403 `AccessDeniedException`
   * (not retryable), as when a run loses its credentials or its process half-way.
   */
  public failWritesAfter(count: number): void {
    this.writesBeforeFailure = count;
  }

  /** Removes every injected fault. */
  public clearFaults(): void {
    this.throttleBudget = 0;
    this.throttleEveryNth = 0;
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
    if (
      this.throttleBudget > 0 ||
      (this.throttleEveryNth > 0 && this.requestCount % this.throttleEveryNth === 0)
    ) {
      if (this.throttleBudget > 0) this.throttleBudget--;
      return awsError(429, 'ThrottlingException', { Message: 'Rate exceeded' });
    }
    const instance = route.operation.startsWith('Search')
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
    return route.handle(req, params);
  }

  private buildRoutes(): Route[] {
    const id = '([^/]+)';
    const r = (
      method: string,
      path: string,
      operation: string,
      write: boolean,
      handle: Route['handle'],
    ): Route => ({
      method,
      pattern: new RegExp(`^${path}$`),
      operation,
      write,
      handle,
    });
    return [
      r('GET', `/contact-flows-summary/${id}`, 'ListContactFlows', false, (q) => {
        const types = q.query.get('contactFlowTypes')?.split(',');
        const all = [...this.flows.values()].filter((f) => !types || types.includes(f.type));
        return this.page(q, all, 'ContactFlowSummaryList', (f) => ({
          Id: f.id,
          Arn: f.arn,
          Name: f.name,
          ContactFlowType: f.type,
          ContactFlowState: 'ACTIVE',
          ContactFlowStatus: 'PUBLISHED',
        }));
      }),
      r('GET', `/contact-flow-modules-summary/${id}`, 'ListContactFlowModules', false, (q) =>
        this.page(q, [...this.modules.values()], 'ContactFlowModulesSummaryList', (m) => ({
          Id: m.id,
          Arn: m.arn,
          Name: m.name,
          State: 'ACTIVE',
        })),
      ),
      r('POST', '/search-contact-flows', 'SearchContactFlows', false, (q) =>
        this.search(q, [...this.flows.values()], 'ContactFlows', (f) => this.flowJson(f)),
      ),
      r('POST', '/search-contact-flow-modules', 'SearchContactFlowModules', false, (q) =>
        this.search(q, [...this.modules.values()], 'ContactFlowModules', (m) => this.moduleJson(m)),
      ),
      r('GET', `/contact-flows/${id}/${id}`, 'DescribeContactFlow', false, (_q, [, fid]) => {
        const f = this.flows.get(fid);
        return f ? json(200, { ContactFlow: this.flowJson(f) }) : notFound('contact flow', fid);
      }),
      r('GET', `/contact-flow-modules/${id}/${id}`, 'DescribeContactFlowModule', false, (_q, [, mid]) => {
        const m = this.modules.get(mid);
        return m ? json(200, { ContactFlowModule: this.moduleJson(m) }) : notFound('flow module', mid);
      }),
      r('PUT', `/contact-flows/${id}`, 'CreateContactFlow', true, (q) => {
        const b = JSON.parse(q.body) as { Name: string; Type: string; Description?: string; Content: string };
        if (this.flowByName(b.Name))
          return awsError(409, 'DuplicateResourceException', { Message: `A flow named ${b.Name} exists` });
        const problems = this.validate(b.Content);
        if (problems.length > 0) return invalidFlow(problems);
        const f = this.addFlow({
          name: b.Name,
          type: b.Type,
          content: b.Content,
          description: b.Description,
        });
        return json(200, { ContactFlowId: f.id, ContactFlowArn: f.arn });
      }),
      r('PUT', `/contact-flow-modules/${id}`, 'CreateContactFlowModule', true, (q) => {
        const b = JSON.parse(q.body) as { Name: string; Description?: string; Content: string };
        if (this.moduleByName(b.Name))
          return awsError(409, 'DuplicateResourceException', { Message: `A module named ${b.Name} exists` });
        const problems = this.validate(b.Content);
        if (problems.length > 0) return invalidModule(problems);
        const mid = this.newId();
        const m: EmulatedFlow = {
          id: mid,
          arn: `${this.instanceArn}/flow-module/${mid}`,
          name: b.Name,
          type: 'MODULE',
          description: b.Description,
          content: b.Content,
          versions: [],
        };
        this.modules.set(mid, m);
        return json(200, { Id: m.id, Arn: m.arn });
      }),
      r('POST', `/contact-flows/${id}/${id}/content`, 'UpdateContactFlowContent', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        const content = (JSON.parse(q.body) as { Content: string }).Content;
        const problems = this.validate(content);
        if (problems.length > 0) return invalidFlow(problems);
        f.content = content;
        return json(200, {});
      }),
      r('POST', `/contact-flows/${id}/${id}/name`, 'UpdateContactFlowName', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
        const b = JSON.parse(q.body) as { Name?: string; Description?: string };
        if (b.Name && b.Name !== f.name && this.flowByName(b.Name)) {
          return awsError(409, 'DuplicateResourceException', { Message: `A flow named ${b.Name} exists` });
        }
        if (b.Name) f.name = b.Name;
        if (b.Description !== undefined) f.description = b.Description;
        return json(200, {});
      }),
      r('PUT', `/contact-flows/${id}/${id}/version`, 'CreateContactFlowVersion', true, (q, [, fid]) => {
        const f = this.flows.get(fid);
        if (!f) return notFound('contact flow', fid);
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
          const problems = this.validate(content);
          if (problems.length > 0) return invalidModule(problems);
          m.content = content;
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
          if (b.Name) m.name = b.Name;
          if (b.Description !== undefined) m.description = b.Description;
          return json(200, {});
        },
      ),
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

  private page<T>(
    q: EndpointRequest,
    all: readonly T[],
    listName: string,
    map: (t: T) => unknown,
    maxPage = 1000,
  ): EndpointResponse {
    const max = Math.min(Number(q.query.get('maxResults') ?? '100') || 100, this.pageSize, maxPage);
    return this.slice(all, q.query.get('nextToken') ?? undefined, max, listName, map);
  }

  private search<T extends EmulatedFlow>(
    q: EndpointRequest,
    all: readonly T[],
    listName: string,
    map: (t: T) => unknown,
  ): EndpointResponse {
    const b = JSON.parse(q.body || '{}') as {
      MaxResults?: number;
      NextToken?: string;
      SearchCriteria?: { StringCondition?: { FieldName?: string; Value?: string; ComparisonType?: string } };
    };
    const c = b.SearchCriteria?.StringCondition;
    const matches = all.filter((f) => {
      if (!c) return true;
      if (c.FieldName !== 'name') return false;
      const v = c.Value ?? '';
      if (c.ComparisonType === 'STARTS_WITH') return f.name.startsWith(v);
      if (c.ComparisonType === 'EXACT') return f.name === v;
      return f.name.includes(v);
    });
    return this.slice(matches, b.NextToken, Math.min(b.MaxResults ?? 100, this.pageSize, 100), listName, map);
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
      State: 'ACTIVE',
      Status: 'PUBLISHED',
      Description: f.description,
      Content: f.content,
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
        if (next !== undefined && !ids.has(next))
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
}

function notFound(what: string, id: string): EndpointResponse {
  return awsError(404, 'ResourceNotFoundException', { Message: `No ${what} ${id}` });
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
