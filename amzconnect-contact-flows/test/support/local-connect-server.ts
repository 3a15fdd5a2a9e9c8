import * as http from 'http';
import { AddressInfo } from 'net';

/** A flow or module as the fake instance holds it. */
export interface FakeFlow {
  readonly Id: string;
  readonly Arn: string;
  readonly Name: string;
  readonly Type?: string;
  readonly State?: 'ACTIVE' | 'ARCHIVED';
  readonly Status?: 'PUBLISHED' | 'SAVED';
  readonly Description?: string;
  readonly Content: string;
  /** Make DescribeContactFlow(Module) fail with this error type. */
  readonly failWith?: string;
}

/** A named resource of the fake instance (queue, prompt, hours of operation). */
export interface FakeResource {
  readonly Id: string;
  readonly Arn: string;
  readonly Name: string;
}

/** What the fake instance contains. */
export interface FakeInstance {
  readonly instanceId: string;
  readonly flows: readonly FakeFlow[];
  readonly modules: readonly FakeFlow[];
  readonly queues: readonly FakeResource[];
  readonly prompts: readonly FakeResource[];
  readonly hours: readonly FakeResource[];
  readonly lambdaArns: readonly string[];
  readonly lexV2AliasArns: readonly string[];
}

/** A running server: its URL, the requests it received, and how to stop it. */
export interface LocalConnectServer {
  readonly url: string;
  readonly requests: {
    readonly method: string;
    readonly path: string;
    readonly query: Record<string, string>;
  }[];
  close(): Promise<void>;
}

/**
 * A minimal Amazon Connect REST-JSON endpoint for the read operations `export` uses, paginating
 * every list `pageSize` items at a time (whatever `maxResults` asks for), so tests prove that
 * every page is read. Bound to 127.0.0.1 on a free port.
 */
export async function startLocalConnectServer(
  instance: FakeInstance,
  pageSize = 2,
): Promise<LocalConnectServer> {
  const requests: LocalConnectServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ method: req.method ?? '', path: url.pathname, query });
    const send = (status: number, body: unknown, errorType?: string): void => {
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    const page = <T>(items: readonly T[], field: string): void => {
      const start = Number(query.nextToken ?? '0');
      const size = Math.min(pageSize, Number(query.maxResults ?? pageSize));
      const next = start + size < items.length ? String(start + size) : undefined;
      send(200, { [field]: items.slice(start, start + size), ...(next ? { NextToken: next } : {}) });
    };
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    if (req.method !== 'GET' || !parts.includes(instance.instanceId)) {
      send(404, { message: `no route for ${req.method} ${url.pathname}` }, 'ResourceNotFoundException');
      return;
    }
    const route = `${parts[0]}${parts.length > 2 ? '/:id' : ''}${parts[2] === 'lambda-functions' || parts[2] === 'bots' ? `/${parts[2]}` : ''}`;
    switch (route) {
      case 'contact-flows-summary':
        return page(
          instance.flows.map((f) => ({
            Id: f.Id,
            Arn: f.Arn,
            Name: f.Name,
            ContactFlowType: f.Type,
            ContactFlowState: f.State ?? 'ACTIVE',
            ContactFlowStatus: f.Status ?? 'PUBLISHED',
          })),
          'ContactFlowSummaryList',
        );
      case 'contact-flow-modules-summary':
        return page(
          instance.modules.map((m) => ({ Id: m.Id, Arn: m.Arn, Name: m.Name, State: m.State ?? 'ACTIVE' })),
          'ContactFlowModulesSummaryList',
        );
      case 'queues-summary':
        return page(
          instance.queues.map((q) => ({ ...q, QueueType: 'STANDARD' })),
          'QueueSummaryList',
        );
      case 'prompts-summary':
        return page(instance.prompts, 'PromptSummaryList');
      case 'hours-of-operations-summary':
        return page(instance.hours, 'HoursOfOperationSummaryList');
      case 'instance/:id/lambda-functions':
        return page(instance.lambdaArns, 'LambdaFunctions');
      case 'instance/:id/bots':
        if (query.lexVersion !== 'V2') return page([], 'LexBots');
        return page(
          instance.lexV2AliasArns.map((AliasArn) => ({ LexV2Bot: { AliasArn } })),
          'LexBots',
        );
      case 'contact-flows/:id':
      case 'contact-flow-modules/:id': {
        const isModule = parts[0] === 'contact-flow-modules';
        const found = (isModule ? instance.modules : instance.flows).find((f) => f.Id === parts[2]);
        if (found === undefined)
          return send(404, { message: `${parts[2]} not found` }, 'ResourceNotFoundException');
        if (found.failWith)
          return send(400, { Message: `${found.Name} cannot be described` }, found.failWith);
        const { failWith: _ignored, ...body } = found;
        return send(200, isModule ? { ContactFlowModule: body } : { ContactFlow: body });
      }
      default:
        return send(404, { message: `no route for ${url.pathname}` }, 'ResourceNotFoundException');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
