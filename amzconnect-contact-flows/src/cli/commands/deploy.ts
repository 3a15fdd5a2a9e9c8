import { ContactFlowDeployer, DeploymentFailedError } from '../../deploy/contact-flow-deployer';
import { loadRepoCatalog } from '../../catalog/load-repo-catalog';
import { DeployCliIo, deployCommandContext, loadDeployDocuments } from '../../deploy/deploy-command-context';
import { flowNaming } from '../../deploy/flow-naming';
import { formatPlan, formatReport } from '../../deploy/format-plan';

/** One line for the usage text. */
export const summary =
  'deploy --env ENV --region R [--config DIR] [--versions]   plan, then apply with local credentials';

/**
 * `deploy --env ENV --region R [--config DIR] [--repo DIR] [--versions]`: prints the plan, applies
 * it and prints the run report. `--versions` also keeps a Connect flow version per changed flow.
 * Exit 0 on success, 1 when any flow failed (each listed with Connect's problems).
 */
export async function run(argv: readonly string[], io: DeployCliIo): Promise<number> {
  const ctx = deployCommandContext(argv, 'deploy', io, { versions: 'boolean' });
  const documents = loadDeployDocuments(ctx.repoRoot, ctx.target.env);
  const { catalog } = loadRepoCatalog(documents, ctx.repoRoot);
  const deployer = new ContactFlowDeployer({
    target: ctx.target,
    clients: ctx.clients,
    clock: ctx.clock,
    logger: ctx.logger,
    catalogNames: catalog,
    createFlowVersions: ctx.options.versions === true,
  });
  const prepared = await deployer.plan(documents);
  io.stdout(formatPlan(prepared.plan, prepared.context.snapshot, flowNaming(ctx.target.app), ctx.target));
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
