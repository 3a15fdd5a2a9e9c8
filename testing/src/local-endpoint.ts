import * as http from 'http';
import { AddressInfo } from 'net';

/** A request as a local emulator sees it. */
export interface EndpointRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A response of a local emulator. */
export interface EndpointResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/**
 * A small HTTP server on 127.0.0.1 and a free port, answering with `handle`. Emulators of AWS
 * services build on it so that tests run the real SDK clients against local state.
 */
export class LocalEndpoint {
  private server?: http.Server;

  constructor(
    private readonly handle: (req: EndpointRequest) => EndpointResponse | Promise<EndpointResponse>,
  ) {}

  /** Starts listening; returns the endpoint URL, e.g. `http://127.0.0.1:54321`. */
  public async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const request: EndpointRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        Promise.resolve()
          .then(() => this.handle(request))
          .then(
            (r) => {
              res.writeHead(r.status, r.headers ?? {});
              res.end(r.body ?? '');
            },
            (err: unknown) => {
              res.writeHead(500, {
                'content-type': 'application/json',
                'x-amzn-errortype': 'InternalServiceException',
              });
              res.end(JSON.stringify({ Message: String(err) }));
            },
          );
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops the server and closes idle connections. */
  public async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): EndpointResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** An AWS JSON-protocol error (type in `x-amzn-errortype`). */
export function awsError(status: number, type: string, body: Record<string, unknown>): EndpointResponse {
  return json(status, { __type: type, ...body }, { 'x-amzn-errortype': type });
}
