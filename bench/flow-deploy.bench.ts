/**
 * Contact-flow deployment at Amazon Connect's real API rate: 200 flows (190 contact flows and
 * 10 modules, with transfers between flows and flows reading the mapping) deployed once, then
 * 10 of them changed and deployed again against the local Connect emulator with the run's token
 * bucket at 2 requests per second, burst 5 (real time, system clock). The changed flows also read
 * a new queue through the mapping, so each release publishes the mapping once. Prints write and
 * read calls per service, the measured time, and the ideal time for that many Connect calls at 2/s.
 *
 *   npx tsx bench/flow-deploy.bench.ts [--runs N] [--rate R]
 *
 * `--rate` runs the bucket faster (e.g. 20) and also prints the time scaled back to 2/s.
 */
import { systemClock } from '../amzconnect-contact-flows/src/deploy/clock';
import { FlowDocument } from '../amzconnect-contact-flows/src/model/flow-document';
import { startDeployTestEnvironment } from '@amzconnect/testing';
import { fmt, median } from './stats';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? '') || 3;
const rate = Number(args[args.indexOf('--rate') + 1] ?? '') || 2;
const BURST = 5;
const FLOWS = 190;
const MODULES = 10;
const CHANGED = 10;

function module(i: number, text: string): FlowDocument {
  return {
    name: `Module${String(i).padStart(2, '0')}`,
    type: 'MODULE',
    description: `Shared step ${i}`,
    content: {
      Version: '2019-10-30',
      StartAction: 'say',
      Actions: [
        {
          Identifier: 'say',
          Type: 'MessageParticipant',
          Parameters: { Text: text },
          Transitions: { NextAction: 'return' },
        },
        { Identifier: 'return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
      ],
    },
  };
}

function flow(i: number, text: string): FlowDocument {
  const name = `Flow${String(i).padStart(3, '0')}`;
  const next = `Flow${String((i + 1) % FLOWS).padStart(3, '0')}`;
  const err = [{ NextAction: 'end', ErrorType: 'NoMatchingError' }];
  return {
    name,
    type: 'CONTACT_FLOW',
    description: `Flow ${i}`,
    content: {
      Version: '2019-10-30',
      StartAction: 'greet',
      Actions: [
        {
          Identifier: 'greet',
          Type: 'MessageParticipant',
          Parameters: { Text: text },
          Transitions: { NextAction: 'mapping' },
        },
        {
          Identifier: 'mapping',
          Type: 'InvokeLambdaFunction',
          Parameters: { LambdaFunctionARN: '${mapping-function}', InvocationTimeLimitSeconds: '3' },
          Transitions: { NextAction: 'module', Errors: err },
        },
        {
          Identifier: 'module',
          Type: 'InvokeFlowModule',
          Parameters: { FlowModuleId: `\${module:Module${String(i % MODULES).padStart(2, '0')}}` },
          Transitions: { NextAction: 'queue', Errors: err },
        },
        {
          Identifier: 'queue',
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: '$.External.Queue_Sales' },
          Transitions: { NextAction: 'hours', Errors: err },
        },
        {
          Identifier: 'hours',
          Type: 'CheckHoursOfOperation',
          Parameters: { HoursOfOperationId: '${hours:Office}' },
          Transitions: { NextAction: 'transfer', Conditions: [], Errors: err },
        },
        {
          Identifier: 'transfer',
          Type: 'TransferToFlow',
          Parameters: { ContactFlowId: `\${flow:${next}}` },
          Transitions: { NextAction: 'end', Errors: err },
        },
        { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    },
  };
}

function flowSet(changedText?: string): FlowDocument[] {
  return [
    ...Array.from({ length: MODULES }, (_, i) => module(i, `Module ${i}`)),
    ...Array.from({ length: FLOWS }, (_, i) =>
      flow(i, changedText && i % (FLOWS / CHANGED) === 0 ? `${changedText} ${i}` : `Welcome ${i}`),
    ),
  ];
}

async function main(): Promise<void> {
  const env = await startDeployTestEnvironment({ clock: systemClock, ratePerSecond: rate, burst: BURST });
  env.connect.addQueue('Sales');
  env.connect.addHours('Office');
  try {
    // Seed: the first deployment, with a fast bucket (not measured).
    const seed = await env.deployer({}, { ratePerSecond: 1000, burst: 1000 }).deployer.deploy(flowSet());
    const seedWrites = seed.report.applied.filter((s) => s.kind !== 'mapping').length;
    console.log(
      `seeded ${FLOWS} flows + ${MODULES} modules: ${seedWrites} Connect writes (cycle through all flows: ${seed.report.applied.filter((s) => s.operation === 'create-stub').length} stubs), seeded with a fast bucket`,
    );

    const times: number[] = [];
    let last:
      | {
          connect: Record<string, number>;
          reads: number;
          writes: number;
          s3: number;
          lambda: number;
          ssm: number;
          published: boolean;
        }
      | undefined;
    for (let r = 0; r < runs; r++) {
      const { deployer, clients } = env.deployer();
      env.connect.addQueue(`Release_${r}`);
      const t0 = process.hrtime.bigint();
      const { report } = await deployer.deploy(flowSet(`Release ${r}: $.External.Queue_Release_${r}`));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const byOp = clients.calls.byOperation();
      last = {
        connect: Object.fromEntries(Object.entries(byOp).filter(([k]) => k.startsWith('connect:'))),
        reads: clients.calls.total('connect', 'read'),
        writes: clients.calls.total('connect', 'write'),
        s3: clients.calls.total('s3', 'write'),
        lambda: clients.calls.total('lambda', 'write'),
        published: report.mappingVersionId !== undefined,
        ssm: clients.calls.total('ssm'),
      };
      if (report.applied.filter((s) => s.operation === 'update-content').length !== CHANGED)
        throw new Error('expected exactly 10 content updates');
    }
    const noop = env.deployer();
    const t0 = process.hrtime.bigint();
    await noop.deployer.deploy(flowSet(`Release ${runs - 1}: $.External.Queue_Release_${runs - 1}`));
    const noopMs = Number(process.hrtime.bigint() - t0) / 1e6;

    const connectCalls = last!.reads + last!.writes;
    const idealAt = (perSecond: number) => (Math.max(0, connectCalls - BURST) / perSecond) * 1000;
    console.log(`deploy 200 items with ${CHANGED} changed, ${runs} runs:`);
    console.log(`  Connect writes: ${last!.writes} (goal ${CHANGED})`);
    console.log(
      `  mapping publish: ${last!.published ? 'yes' : 'no'} (S3 PutObject of the mapping + Lambda UpdateFunctionConfiguration: ${last!.lambda} Lambda write)`,
    );
    console.log(`  Connect reads:  ${last!.reads}`);
    console.log(`  Connect calls by operation: ${JSON.stringify(last!.connect)}`);
    console.log(
      `  other writes: S3 ${last!.s3} PutObject (${CHANGED} backups, 1 mapping, the rest run-report saves), ` +
        `Lambda ${last!.lambda}; SSM reads ${last!.ssm}`,
    );
    console.log(
      `  run time median ${fmt(median(times))} (runs: ${times.map(fmt).join(', ')}) at ${rate} req/s burst ${BURST}`,
    );
    console.log(
      `  ideal time for ${connectCalls} Connect calls at ${rate}/s after a burst of ${BURST}: ${fmt(idealAt(rate))}`,
    );
    if (rate !== 2) {
      console.log(
        `  scaled to 2 req/s: measured ~${fmt((median(times) * rate) / 2)} (approximation), ideal ${fmt(idealAt(2))}`,
      );
    }
    console.log(
      `  no-op re-run: ${noop.clients.calls.total('connect', 'write')} Connect writes, ${noop.clients.calls.writes} writes in all, ${fmt(noopMs)}`,
    );
  } finally {
    await env.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
