import * as fs from 'fs';
import * as path from 'path';
import type { PreparedPlan } from '../deploy/contact-flow-deployer';
import { flowNaming } from '../deploy/flow-naming';
import { planReportHtml, PlanReportContext } from './plan-report-html';
import { planReportSection } from './plan-report-section';

/** File name of the report of one environment and Region: `flow-plan-<env>-<region>.html`. */
export function planReportFileName(where: { readonly env: string; readonly region: string }): string {
  return `flow-plan-${where.env}-${where.region}.html`;
}

/**
 * Writes the HTML report of a prepared plan to `dir` (created when missing) and returns its path.
 */
export async function writePlanReport(
  dir: string,
  prepared: Pick<PreparedPlan, 'plan' | 'context'>,
  where: { readonly app: string; readonly env: string; readonly region: string },
  context: PlanReportContext = {},
): Promise<string> {
  const section = await planReportSection(
    prepared.plan,
    prepared.context.snapshot,
    flowNaming(where.app),
    where,
  );
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, planReportFileName(where));
  fs.writeFileSync(file, planReportHtml(section, context));
  return file;
}
