import * as fs from 'fs';
import * as path from 'path';
import { loadPlatformConfig } from '@amzconnect/env';
import { takeConfigArg } from '@amzconnect/env';
import { decideQueue } from '../release-queue/decide-queue';
import { emptyQueueState, QueueState } from '../release-queue/queue-state';
import { decideRoute, RouteDecision } from './decide-route';
import { routeInputFor } from './route-input';
import { routingTableFromConfig } from './routing-table';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

export const USAGE =
  'Usage: npm run route -- [--config DIR] [--event-name NAME] [--queue STATE.json] PAYLOAD.json';

/** Invalid input (arguments, configuration, payload): exit code 2. */
export const EXIT_INVALID = 2;

class UsageError extends Error {}

function parseArgs(
  argv: readonly string[],
  cwd: string,
): { configDir: string; eventName: string; payloadFile: string; queueFile: string | null } {
  let config: ReturnType<typeof takeConfigArg>;
  try {
    config = takeConfigArg(argv, cwd);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let eventName = 'push';
  let queueFile: string | null = null;
  const files: string[] = [];
  const rest = config.rest;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--event-name') {
      const v = rest[i + 1];
      if (v === undefined || v.startsWith('--'))
        throw new UsageError('--event-name needs a GitHub event name, e.g. --event-name push');
      eventName = v;
      i++;
    } else if (a === '--queue') {
      const v = rest[i + 1];
      if (v === undefined || v.startsWith('--'))
        throw new UsageError(
          '--queue needs a file with the environment\'s queue state (the item\'s "state" JSON)',
        );
      queueFile = path.resolve(cwd, v);
      i++;
    } else if (a.startsWith('--event-name=')) {
      eventName = a.slice('--event-name='.length);
    } else if (a.startsWith('--')) {
      throw new UsageError(`Unknown option ${a}.`);
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1)
    throw new UsageError(files.length === 0 ? 'Give the payload file.' : 'Give exactly one payload file.');
  if (!eventName) throw new UsageError('--event-name must not be empty.');
  return { configDir: config.configDir, eventName, payloadFile: path.resolve(cwd, files[0]), queueFile };
}

/**
 * What the environment's release queue would do with the push: against an empty queue (the
 * environment's first release), or against the state in `queueFile` (copy the `state` attribute
 * of the environment's item in the release-queue table). `null` when the push releases no environment.
 */
function queueDecision(decision: RouteDecision, queueFile: string | null, cwd: string) {
  if (decision.action !== 'start' || !decision.environment || decision.subprojects.length === 0) return null;
  let state: QueueState = emptyQueueState(decision.environment);
  if (queueFile) {
    try {
      state = {
        ...(JSON.parse(fs.readFileSync(queueFile, 'utf8')) as QueueState),
        env: decision.environment,
      };
    } catch (err) {
      throw new UsageError(
        `Cannot read the queue state ${path.relative(cwd, queueFile)}: ${(err as Error).message}.`,
      );
    }
  }
  const d = decideQueue(state, {
    kind: 'push',
    deliveryId: 'dry-run',
    before: decision.before ?? '',
    after: decision.commit ?? '',
    pushedAt: decision.pushedAt,
    subprojects: decision.subprojects,
    at: Date.now(),
  });
  const start = d.actions.find((a) => a.type === 'start');
  return {
    outcome: d.outcome,
    reason: d.reason,
    startsNow:
      start && start.type === 'start' ? { subproject: start.subproject, commit: start.commit } : null,
    pending: d.state.pending,
  };
}

/**
 * Dry run: prints what the router would start for a webhook payload, as JSON on stdout
 * (`pipelines`, `order`, `commit`, `reason`, ..., and `queue`: what the environment's release
 * queue would do: start now, coalesce or refuse, and why). Starts nothing.
 * @returns the exit code: 0, or 2 for invalid arguments, configuration or payload
 */
export function main(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, io.cwd);
    const config = loadPlatformConfig(args.configDir, { cwd: io.cwd });
    let text: string;
    try {
      text = fs.readFileSync(args.payloadFile, 'utf8');
    } catch (err) {
      throw new UsageError(
        `Cannot read ${path.relative(io.cwd, args.payloadFile)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`,
      );
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new UsageError(
        `${path.relative(io.cwd, args.payloadFile)} is not JSON (${(err as Error).message}).`,
      );
    }
    const input = routeInputFor(args.eventName, payload);
    if (!input.ok) throw new UsageError(`${path.relative(io.cwd, args.payloadFile)}: ${input.problem}.`);
    const table = routingTableFromConfig(config);
    const decision = decideRoute(input.input, table);
    const queue = queueDecision(decision, args.queueFile, io.cwd);
    // The fields a human looks for first, then the rest of the decision.
    const { pipelines, order, commit, reason, ...rest } = decision;
    io.stdout(
      `${JSON.stringify({ pipelines, order, commit, reason, ...rest, ...(queue ? { queue } : {}) }, null, 2)}\n`,
    );
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`${message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
    return EXIT_INVALID;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // `npm run` changes to the repository root; resolve paths against where the user typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
}
