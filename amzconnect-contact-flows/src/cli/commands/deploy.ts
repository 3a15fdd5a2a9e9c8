import { DeploymentFailedError } from '../../deploy/contact-flow-deployer';
import { PlanOutdatedError } from '../../deploy/deploy-errors';
import { DeployCliIo, deployCommandContext, repoDeployer } from '../../deploy/deploy-command-context';
import { flowNaming } from '../../deploy/flow-naming';
import { formatPlan, formatReport } from '../../deploy/format-plan';

/** One line for the usage text. */
export const summary =
  'deploy --env ENV --region R [--config DIR] [--versions] [--adopt NAMES] [--unarchive] [--on-drift fail] [--plan-fingerprint F]   plan, then apply with local credentials';

/**
 * `deploy --env ENV --region R [--config DIR] [--repo DIR] [--versions]`: prints the plan, applies
 * it and prints the run report. `--versions` also keeps a Connect flow version per changed flow.
 * Exit 0 on success, 1 when any flow failed (each listed with Connect's problems).
 */
export async function run(argv: readonly string[], io: DeployCliIo): Promise<number> {
  const ctx = deployCommandContext(argv, 'deploy', io, {
    versions: 'boolean',
    adopt: 'string',
    unarchive: 'boolean',
    'on-drift': 'string',
    'plan-fingerprint': 'string',
  });
  const { documents, deployer } = repoDeployer(ctx, {
    createFlowVersions: ctx.options.versions === true,
    lock: true,
  });
  const prepared = await deployer.plan(documents);
  io.stdout(formatPlan(prepared.plan, prepared.context.snapshot, flowNaming(ctx.target.app), ctx.target));
  const expected = ctx.options['plan-fingerprint'];
  if (typeof expected === 'string' && expected !== prepared.fingerprint) {
    io.stderr(`${new PlanOutdatedError(expected, prepared.fingerprint ?? '').message}\n`);
    return 1;
  }
  try {
    const report = await deployer.apply(prepared);
    io.stdout(formatReport(report));
    return 0;
  } catch (err) {
    if (!(err instanceof DeploymentFailedError)) throw err;
    io.stdout(formatReport(err.report));
    return 1;
  }
}
