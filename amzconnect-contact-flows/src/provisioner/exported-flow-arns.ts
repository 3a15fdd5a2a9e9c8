import type { PlanItem } from '../deploy/deployment-plan';
import type { AppliedStep } from '../deploy/run-report';

/** Prefix of the `Custom::ContactFlows` attributes that carry a flow's ARN: `FlowArn.<repository name>`. */
export const FLOW_ARN_ATTRIBUTE_PREFIX = 'FlowArn.';

/** A flow asked for in `ExportFlowArns` is not deployed by this run's bundle. */
export class FlowArnNotDeployedError extends Error {
  constructor(public readonly names: readonly string[]) {
    super(
      `Custom::ContactFlows cannot export the ARN of ${names.join(', ')}: no such flow in the bundle. Deploy the flow or remove it from ExportFlowArns.`,
    );
    this.name = 'FlowArnNotDeployedError';
  }
}

/**
 * The ARNs of the repository flows `names`, as `FlowArn.<name>` response attributes (pure): from
 * the plan where the flow already existed, else from this run's writes (a flow created by this
 * call). A run completed over several calls plans again in each, so flows created by an earlier
 * call are existing ones by the last. A custom resource's whole response body is at most 4,096 bytes
 * (AWS CloudFormation User Guide, "Custom resource response objects"), hence only the flows other
 * resources ask for, never all.
 * @throws FlowArnNotDeployedError when a name is not a flow of the run
 */
export function exportedFlowArns(
  names: readonly string[],
  items: readonly Pick<PlanItem, 'kind' | 'name' | 'existing'>[],
  applied: readonly Pick<AppliedStep, 'kind' | 'name' | 'arn'>[],
): Record<string, string> {
  const data: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const arn =
      items.find((i) => i.kind === 'flow' && i.name === name)?.existing?.arn ??
      applied.find((s) => s.kind === 'flow' && s.name === name && s.arn)?.arn;
    if (arn) data[`${FLOW_ARN_ATTRIBUTE_PREFIX}${name}`] = arn;
    else missing.push(name);
  }
  if (missing.length > 0) throw new FlowArnNotDeployedError(missing);
  return data;
}
