/**
 * Flow pictures and plan reports: render time of the largest public flow fixture, and of a plan
 * report of 200 changed flows (one picture each).
 * Run: npx tsx bench/flow-render.bench.ts   (prints figures; not part of npm test)
 */
import * as fs from 'fs';
import * as path from 'path';
import { FlowDocument } from '../amzconnect-contact-flows/src/model/flow-document';
import { readFlowFile } from '../amzconnect-contact-flows/src/format/read-flow-file';
import { loadRepoFlows } from '../amzconnect-contact-flows/src/format/load-repo-flows';
import { DeploymentPlan, PlanItem } from '../amzconnect-contact-flows/src/deploy/deployment-plan';
import { flowNaming } from '../amzconnect-contact-flows/src/deploy/flow-naming';
import { InstanceSnapshot } from '../amzconnect-contact-flows/src/deploy/instance-snapshot';
import { renderFlowSvg } from '../amzconnect-contact-flows/src/render/render-flow';
import { planReportSection } from '../amzconnect-contact-flows/src/report/plan-report-section';
import { planReportHtml } from '../amzconnect-contact-flows/src/report/plan-report-html';
import { fmt, median, timeRuns } from './stats';

const FIXTURES = path.resolve(__dirname, '..', 'amzconnect-contact-flows', 'test', 'fixtures');
const RENDER_RUNS = 21;
const REPORT_RUNS = 5;
const REPORT_FLOWS = 200;

function largestFixture(): { file: string; document: FlowDocument } {
  const files = fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(FIXTURES, d.name)).map((f) => path.join(FIXTURES, d.name, f)))
    .filter((f) => f.endsWith('.json'));
  const readable = files.flatMap((file) => {
    const r = readFlowFile(file);
    return r.ok ? [{ file, document: r.document }] : [];
  });
  return readable.sort((a, b) => b.document.content.Actions.length - a.document.content.Actions.length)[0];
}

/** A plan of `n` updated flows, each with one block's text changed (the sample flows, renamed). */
function planOf(n: number): DeploymentPlan {
  const samples = loadRepoFlows().flows.map((f) => f.document);
  const items: PlanItem[] = [];
  for (let i = 0; i < n; i++) {
    const sample = samples[i % samples.length];
    const document: FlowDocument = { ...sample, name: `${sample.name}_${i}` };
    const changed = {
      ...document.content,
      Actions: document.content.Actions.map((a, j) =>
        j === 0 ? { ...a, Parameters: { ...a.Parameters, Text: `changed ${i}` } } : a,
      ),
    };
    items.push({
      kind: document.type === 'MODULE' ? 'module' : 'flow',
      name: document.name,
      deployedName: `acme-${document.name}`,
      document: { ...document, content: changed },
      action: 'update',
      existing: {
        kind: 'flow',
        id: `id-${i}`,
        arn: `arn:aws:connect:us-east-1:111111111111:instance/i/contact-flow/id-${i}`,
        name: `acme-${document.name}`,
        type: document.type,
        content: JSON.stringify(document.content),
      },
      content: JSON.stringify(changed),
      pending: [],
      contentChanged: true,
      descriptionChanged: false,
      adopted: false,
      problems: [],
    });
  }
  return { items, orphans: [] };
}

async function main(): Promise<void> {
  const largest = largestFixture();
  const t0 = process.hrtime.bigint();
  await renderFlowSvg(largest.document);
  const first = Number(process.hrtime.bigint() - t0) / 1e6;
  const renders = await timeRuns(RENDER_RUNS, () => renderFlowSvg(largest.document));
  console.log(
    `render ${path.relative(FIXTURES, largest.file)} (${largest.document.content.Actions.length} blocks): ` +
      `first call ${fmt(first)} (compiles Graphviz WebAssembly), then median ${fmt(median(renders))} over ${RENDER_RUNS} runs`,
  );

  const plan = planOf(REPORT_FLOWS);
  const snapshot: InstanceSnapshot = {
    instanceId: 'i-bench',
    flows: [],
    modules: [],
    queues: [],
    prompts: [],
    hours: [],
    lexAliasArns: [],
    lambdaArns: [],
  };
  let bytes = 0;
  const reports = await timeRuns(REPORT_RUNS, async () => {
    const section = await planReportSection(plan, snapshot, flowNaming('acme'), {
      app: 'acme',
      env: 'develop',
      region: 'us-east-1',
    });
    bytes = planReportHtml(section).length;
  });
  console.log(
    `plan report of ${REPORT_FLOWS} updated flows (a picture each, changed block marked): ` +
      `median ${fmt(median(reports))} over ${REPORT_RUNS} runs, ${(bytes / 1024 / 1024).toFixed(1)} MiB of HTML`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
