/**
 * Contact-flow deployment at scale, on a virtual clock, against the Connect emulator in its
 * realistic mode (re-serialized content, Search leaving Content out for one flow in three, a lost
 * create response every 17 creates, a 5xx every 200 requests). At 200, 1,000 and 5,000 items
 * (5 % modules; every flow invokes a module, reads the mapping and transfers to the next flow,
 * so the flows form one cycle): first deploy (in 15-minute invocations, as the provisioner's
 * isComplete calls run), no-op, 1 % changed, all changed. The run's token bucket paces Connect at
 * 2 requests/s, burst 5, on a ManualClock, so simulated time is what the run would take at
 * Connect's default quota; the ideal is the same number of Connect calls at exactly 2/s. The
 * flow quota is raised to 10,000 (the default 100 is adjustable). Background 429s are off: at 2/s
 * the account's quota is not exceeded (the run lock keeps every other runner out).
 *
 * "Ideal" is the least a run could do at 2/s: one read pass (Search pages of 100, the two
 * reference lists the flows use) and the writes the scenario needs; "ratio" is simulated / ideal.
 * The first deploy must end with exactly one object per item (no duplicate creates although
 * create responses are lost), and the no-op with zero writes; the bench fails otherwise.
 * Results and their reading: bench/README.md.
 *
 *   npx tsx bench/flow-deploy.bench.ts [--sizes 200,1000,5000] [--repeat N]
 */
import { FlowDocument } from '../amzconnect-contact-flows/src/model/flow-document';
import { ManualClock } from '@amzconnect/testing';
import { startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { median } from './stats';

const args = process.argv.slice(2);
const sizeArg = args.indexOf('--sizes');
const SIZES = (sizeArg >= 0 ? args[sizeArg + 1] : '200,1000,5000').split(',').map(Number);
const repeatArg = args.indexOf('--repeat');
const REPEAT = repeatArg >= 0 ? Number(args[repeatArg + 1]) : 1;
const INVOCATION_MS = 15 * 60_000;

function module(i: number, text: string): FlowDocument {
  return {
    name: `Module${String(i).padStart(4, '0')}`,
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

function flow(i: number, flows: number, modules: number, text: string): FlowDocument {
  const name = `Flow${String(i).padStart(5, '0')}`;
  const next = `Flow${String((i + 1) % flows).padStart(5, '0')}`;
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
          Parameters: { FlowModuleId: `\${module:Module${String(i % modules).padStart(4, '0')}}` },
          Transitions: { NextAction: 'queue', Errors: err },
        },
        {
          Identifier: 'queue',
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: '${queue:Sales}' },
          Transitions: { NextAction: 'transfer', Errors: err },
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

/** `total` items, 5 % modules; flows whose index is a multiple of `every` get `changed` text. */
function flowSet(total: number, changed?: { text: string; every: number }): FlowDocument[] {
  const { modules, flows } = shape(total);
  return [
    ...Array.from({ length: modules }, (_, i) => module(i, `Module ${i}`)),
    ...Array.from({ length: flows }, (_, i) =>
      flow(i, flows, modules, changed && i % changed.every === 0 ? `${changed.text} ${i}` : `Welcome ${i}`),
    ),
  ];
}

interface Row {
  readonly size: number;
  readonly scenario: string;
  /** Provisioner polls (15-minute invocations) the scenario took. */
  readonly invocations: number;
  readonly reads: number;
  readonly writes: number;
  readonly simulatedS: number;
  /** Minimal necessary Connect calls (one read pass, the writes the scenario needs) at 2/s. */
  readonly idealS: number;
  readonly cpuS: number;
  readonly peakMb: number;
  readonly s3MbPut: number;
}

/** Items, flows and modules of a size (5 % modules). */
function shape(size: number) {
  const modules = Math.max(1, Math.round(size * 0.05));
  return { modules, flows: size - modules };
}

/**
 * The least a run could do, in calls: one read pass (Search pages of 100 for flows and modules,
 * and the two reference lists the flows use: queues and the instance's Lambdas) and the writes the
 * scenario needs (first deploy: every item plus filling the one stub that breaks the cycle).
 */
function idealCalls(size: number, scenario: string): number {
  const { modules, flows } = shape(size);
  const reads = Math.ceil(flows / 100) + Math.ceil(modules / 100) + 2;
  const writes =
    scenario === 'first deploy'
      ? size + 1
      : scenario === '1% changed'
        ? Math.ceil(flows / 100)
        : scenario === 'all changed'
          ? flows
          : 0;
  return reads + writes;
}

async function measure(size: number): Promise<Row[]> {
  const clock = new ManualClock();
  const env = await startDeployTestEnvironment({
    clock,
    connect: {
      realism: {
        flowQuota: 10_000,
        throttleEvery: 0,
        serverErrorEvery: 200,
        searchOmitsContentEvery: 3,
        loseCreateResponseEvery: 17,
      },
    },
  });
  env.connect.addQueue('Sales');
  const rows: Row[] = [];
  let peak = 0;
  // process.memoryUsage.rss() reads one number; process.memoryUsage() walks the heap spaces.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const run = async (scenario: string, docs: FlowDocument[]) => {
    peak = process.memoryUsage.rss();
    const cpu0 = process.cpuUsage();
    const t0 = clock.now();
    const s3Bytes0 = env.s3.bytesPut;
    let reads = 0;
    let writes = 0;
    let invocations = 0;
    for (;;) {
      invocations++;
      if (invocations > 20) throw new Error(`${scenario} at ${size}: not complete after 20 invocations`);
      const { deployer, clients } = env.deployer({ deadline: clock.now() + INVOCATION_MS });
      const { report } = await deployer.deploy(docs);
      reads += clients.calls.total('connect', 'read');
      writes += clients.calls.total('connect', 'write');
      if (report.status !== 'incomplete') break;
    }
    const cpu = process.cpuUsage(cpu0);
    rows.push({
      size,
      scenario,
      invocations,
      reads,
      writes,
      simulatedS: (clock.now() - t0) / 1000,
      idealS: idealCalls(size, scenario) / 2,
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
      s3MbPut: (env.s3.bytesPut - s3Bytes0) / 2 ** 20,
    });
  };
  try {
    await run('first deploy', flowSet(size));
    // Completed across invocations with no duplicate creates: exactly one object per item, each ours.
    const objects = [...env.connect.flows.values(), ...env.connect.modules.values()];
    const names = new Set(objects.map((o) => o.name));
    if (
      objects.length !== size ||
      names.size !== size ||
      objects.some((o) => o.tags['amzconnect:app'] !== 'acme')
    )
      throw new Error(
        `first deploy at ${size}: ${objects.length} objects, ${names.size} names, expected ${size}`,
      );
    await run('no-op', flowSet(size));
    const noop = rows.at(-1)!;
    if (noop.writes !== 0) throw new Error(`no-op at ${size} wrote ${noop.writes} times`);
    await run('1% changed', flowSet(size, { text: 'Release 1', every: 100 }));
    await run('all changed', flowSet(size, { text: 'Release 2', every: 1 }));
  } finally {
    clearInterval(sampler);
    await env.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const runs: Row[][] = [];
    for (let r = 0; r < REPEAT; r++) runs.push(await measure(size));
    // Calls and simulated time are deterministic (virtual clock, counted faults); CPU and memory vary.
    rows.push(
      ...runs[0].map((row, i) => ({
        ...row,
        cpuS: median(runs.map((run) => run[i].cpuS)),
        peakMb: median(runs.map((run) => run[i].peakMb)),
      })),
    );
  }
  const header = [
    'items',
    'scenario',
    'polls',
    'Connect reads',
    'Connect writes',
    'simulated at 2/s',
    'ideal at 2/s',
    'ratio',
    `CPU (median of ${REPEAT})`,
    'peak RSS',
    'S3 PUT',
  ];
  const lines = rows.map((r) => [
    String(r.size),
    r.scenario,
    String(r.invocations),
    String(r.reads),
    String(r.writes),
    `${r.simulatedS.toFixed(0)} s`,
    `${r.idealS.toFixed(0)} s`,
    r.idealS > 0 ? (r.simulatedS / r.idealS).toFixed(2) : '-',
    `${r.cpuS.toFixed(1)} s`,
    `${r.peakMb.toFixed(0)} MB`,
    `${r.s3MbPut.toFixed(1)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmtRow = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(fmtRow(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(fmtRow(l));
  for (const r of rows.filter((x) => x.scenario === 'no-op'))
    console.log(
      `no-op at ${r.size}: ${r.writes} writes, ${r.reads} reads = ⌈${r.size}/100⌉ + ${r.reads - Math.ceil(r.size / 100)}`,
    );
  for (const r of rows.filter((x) => x.scenario === 'first deploy'))
    console.log(`first deploy at ${r.size}: complete after ${r.invocations} poll(s), one object per item`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
