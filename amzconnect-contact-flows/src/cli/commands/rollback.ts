import { DeploymentFailedError } from '../../deploy/contact-flow-deployer';
import { DeployCliIo, deployCommandContext } from '../../deploy/deploy-command-context';
import { rollbackFlows } from '../../deploy/flow-rollback';
import { formatReport } from '../../deploy/format-plan';
import { UsageError } from '../usage-error';

/** One line for the usage text. */
export const summary =
  'rollback --env ENV --region R [--flow NAME [--module] [--to VERSION]]   restore content saved before the last deploy';

/**
 * `rollback --env ENV --region R [--config DIR] [--flow NAME] [--module] [--to VERSION]`:
 * without `--flow`, restores every flow the latest run overwrote to the content saved just
 * before; with `--flow`, restores that flow (or module, `--module`) to its latest backup or to
 * the backup's S3 version `--to`. Exit 0 on success, 1 when a restore failed.
 */
export async function run(argv: readonly string[], io: DeployCliIo): Promise<number> {
  const ctx = deployCommandContext(argv, 'rollback', io, { flow: 'string', module: 'boolean', to: 'string' });
  const name = typeof ctx.options.flow === 'string' ? ctx.options.flow : undefined;
  const versionId = typeof ctx.options.to === 'string' ? ctx.options.to : undefined;
  if (versionId && !name) throw new UsageError('rollback: --to VERSION needs --flow NAME');
  try {
    const report = await rollbackFlows(
      { target: ctx.target, clients: ctx.clients, clock: ctx.clock, logger: ctx.logger },
      { name, kind: ctx.options.module === true ? 'module' : 'flow', versionId },
    );
    io.stdout(formatReport(report));
    return 0;
  } catch (err) {
    if (!(err instanceof DeploymentFailedError)) throw err;
    io.stdout(formatReport(err.report));
    return 1;
  }
}
