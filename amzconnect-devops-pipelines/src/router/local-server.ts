import * as http from 'http';
import type { AddressInfo } from 'net';
import { loadPlatformConfig } from '@amzconnect/env';
import { takeConfigArg } from '@amzconnect/env';
import { createWebhookHandler, DEFAULT_MAX_BODY_BYTES } from './handle-webhook';
import type { LoggerLike } from './logger-like';
import { dryRunStarter } from './release-starter';
import { routingTableFromConfig, RoutingTable } from './routing-table';
import { stopWithParent } from './stop-with-parent';

/** Options for {@link createLocalServer}. */
export interface LocalServerOptions {
  readonly routingTable: RoutingTable;
  /** The webhook secret configured on the (forwarded) GitHub webhook. */
  readonly secret: string;
  readonly logger: LoggerLike;
  /** @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
}

/**
 * An HTTP server that runs the router's own handler in dry-run mode: it verifies, routes and
 * answers exactly like the Lambda, but starts nothing. Accepts POST on any path.
 */
export function createLocalServer(options: LocalServerOptions): http.Server {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handle = createWebhookHandler({
    routingTable: options.routingTable,
    secrets: async () => [options.secret],
    startRelease: dryRunStarter,
    logger: options.logger,
    maxBodyBytes,
  });
  const send = (res: http.ServerResponse, statusCode: number, body: Record<string, unknown>) => {
    res.writeHead(statusCode, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...body, dryRun: true }));
  };
  return http.createServer((req, res) => {
    if (req.method !== 'POST') {
      send(res, 405, { message: 'Only POST is accepted: point a GitHub webhook at this address.' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        send(res, 413, { message: `Payload of ${size} bytes exceeds the ${maxBodyBytes}-byte limit.` });
        return;
      }
      handle({ headers: req.headers, body: Buffer.concat(chunks) }).then(
        (r) => send(res, r.statusCode, r.body),
        () => send(res, 500, { message: 'Unexpected error.' }),
      );
    });
  });
}

/** Writes one JSON line per log entry to `write`. */
export function jsonLineLogger(write: (line: string) => void): LoggerLike {
  const log =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      write(`${JSON.stringify(Object.assign({ level, message }, ...extra))}\n`);
  return { info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}

/** Default port of `npm run router:local`. */
export const DEFAULT_LOCAL_PORT = 8787;

/**
 * Entry point of `npm run router:local -- [--config DIR]`: PORT (default 8787) and
 * GITHUB_WEBHOOK_SECRET come from the environment, read here only.
 * @returns the listening server, or an exit code for invalid input
 */
/** Usage text of `npm run router:local`. */
export const LOCAL_ROUTER_USAGE = `Usage: GITHUB_WEBHOOK_SECRET=... [PORT=N] npm run router:local -- [--config DIR]

Serves the webhook router on http://127.0.0.1:PORT/ (default ${DEFAULT_LOCAL_PORT}) as a dry run: it verifies
and routes GitHub deliveries with the configuration in DIR (default env/) and starts nothing.
It stops with the process that started it.`;

export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: { readonly stdout: (t: string) => void; readonly stderr: (t: string) => void; readonly cwd: string },
): Promise<http.Server | number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${LOCAL_ROUTER_USAGE}\n`);
    return 0;
  }
  const secret = env.GITHUB_WEBHOOK_SECRET;
  if (!secret) {
    io.stderr('GITHUB_WEBHOOK_SECRET is not set: export the secret configured on the GitHub webhook.\n');
    return 2;
  }
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_LOCAL_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`PORT "${env.PORT}" is not a port number (0-65535).\n`);
    return 2;
  }
  let routingTable: RoutingTable;
  try {
    const { configDir, rest } = takeConfigArg(argv, io.cwd);
    if (rest.length > 0) throw new Error(`Unexpected argument ${rest[0]}.\n${LOCAL_ROUTER_USAGE}`);
    routingTable = routingTableFromConfig(loadPlatformConfig(configDir, { cwd: io.cwd }));
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    return 2;
  }
  const server = createLocalServer({ routingTable, secret, logger: jsonLineLogger(io.stdout) });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  io.stdout(`Webhook router (dry run, starts nothing) listening on http://127.0.0.1:${address.port}/\n`);
  return server;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  }).then(
    (result) => {
      if (typeof result === 'number') process.exitCode = result;
      else
        stopWithParent(() => {
          result.closeAllConnections();
          result.close();
        });
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
