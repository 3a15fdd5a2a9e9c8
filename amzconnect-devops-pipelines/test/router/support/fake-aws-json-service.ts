import * as http from 'http';
import type { AddressInfo } from 'net';

/** One request the fake received. */
export interface RecordedCall {
  /** `x-amz-target`, e.g. `CodePipeline_20150709.StartPipelineExecution`. */
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/** What the fake answers: a JSON body, or an AWS JSON-protocol error. */
export type FakeReply =
  | { readonly body: Record<string, unknown> }
  | { readonly error: string; readonly message: string; readonly status?: number };

/** A local HTTP server speaking an AWS JSON 1.1 protocol (target header in, JSON out). */
export interface FakeAwsJsonService {
  readonly endpoint: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/** Static credentials and Region for SDK clients pointed at a fake. */
export const FAKE_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret-key' },
} as const;

/**
 * Starts a fake on 127.0.0.1 (random port). `reply` gets the operation (the part of the target
 * after the dot) and the parsed body; every call is recorded.
 */
export async function startFakeAwsJsonService(
  reply: (operation: string, body: Record<string, unknown>) => FakeReply,
): Promise<FakeAwsJsonService> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ target, body });
      const r = reply(target.split('.').pop() ?? '', body);
      if ('error' in r) {
        res.writeHead(r.status ?? 400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': r.error,
        });
        res.end(JSON.stringify({ __type: r.error, message: r.message }));
      } else {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(r.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
