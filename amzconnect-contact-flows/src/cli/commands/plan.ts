import * as fs from 'fs';
import * as path from 'path';
import { DeployCliIo, deployCommandContext, repoDeployer } from '../../deploy/deploy-command-context';
import { flowNaming } from '../../deploy/flow-naming';
import { systemClock } from '../../deploy/clock';
import { formatPlan } from '../../deploy/format-plan';
import { writePlanReport } from '../../report/write-plan-report';

/** One line for the usage text. */
export const summary =
  'plan --env ENV --region R [--config DIR] [--out FILE] [--html DIR] [--adopt NAMES] [--unarchive]   show what deploy would change (reads only)';

/**
 * `plan --env ENV --region R [--config DIR] [--repo DIR] [--out FILE] [--html DIR]`: reads the environment's
 * instance and prints the per-flow diff; `--out` also writes it to FILE (e.g. for a pipeline's
 * approval step, whose message can carry the first line and link the file). Exit 0 when the plan can be applied, 1 when some flows are blocked
 * (unresolved references, type changes), 2 for usage errors. `--html DIR` also writes the
 * self-contained HTML report (`flow-plan-<env>-<region>.html`, see `src/report/`).
 */
export async function run(argv: readonly string[], io: DeployCliIo): Promise<number> {
  const ctx = deployCommandContext(argv, 'plan', io, {
    out: 'string',
    html: 'string',
    adopt: 'string',
    unarchive: 'boolean',
    'on-drift': 'string',
  });
  const { documents, deployer } = repoDeployer(ctx);
  const prepared = await deployer.plan(documents);
  const text =
    formatPlan(prepared.plan, prepared.context.snapshot, flowNaming(ctx.target.app), ctx.target) +
    `Plan fingerprint: ${prepared.fingerprint} (deploy --plan-fingerprint applies this plan only while the instance still matches it)\n`;
  io.stdout(text);
  if (typeof ctx.options.out === 'string') fs.writeFileSync(path.resolve(io.cwd, ctx.options.out), text);
  if (typeof ctx.options.html === 'string') {
    const file = await writePlanReport(path.resolve(io.cwd, ctx.options.html), prepared, ctx.target, {
      generatedAt: new Date((ctx.clock ?? systemClock).now()).toISOString(),
    });
    io.stderr(`Wrote ${path.relative(io.cwd, file)}\n`);
  }
  return prepared.plan.items.some((i) => i.action === 'blocked' || i.action === 'needs-adoption') ? 1 : 0;
}
