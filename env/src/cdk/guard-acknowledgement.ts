import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Name under which the cfn-guard validation plugin reports (see {@link ControlTowerGuardValidator});
 * the CDK namespaces acknowledgements by it (`<plugin>::<rule>`).
 */
export const GUARD_PLUGIN_NAME = 'cfn-guard';

/**
 * Template metadata key of a resource's guard acknowledgements. `SuppressedRules` lists the rule
 * names the way the AWS Guard Rules Registry's rules read them
 * (`Metadata.guard.SuppressedRules`); `Reasons` keeps each rule's reason next to it, so a
 * reviewer reading the template sees why.
 */
export const GUARD_METADATA_KEY = 'guard';

/** A resource's guard metadata, as written into the template. */
export interface GuardMetadata {
  readonly SuppressedRules: string[];
  readonly Reasons: Record<string, string>;
}

/** Thrown when a guard acknowledgement is malformed (no reason, or not on one resource). */
export class GuardAcknowledgementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardAcknowledgementError';
  }
}

/**
 * Acknowledges one cfn-guard rule (its rule name as reported, e.g. `lambda_inside_vpc_check`) on
 * one CloudFormation resource, with a reason true for that resource, as cdk-nag acknowledgements
 * are. The acknowledgement is recorded twice: with the CDK (`Validations.acknowledge`, which
 * moves the finding to `suppressedViolations` of `validation-report.json`, with the reason), and
 * in the resource's template metadata (`guard`), so the reason travels with the template.
 *
 * @param construct the resource itself, or an L2 construct whose default child is the resource
 * @throws GuardAcknowledgementError without a reason, or when `construct` is not one resource
 */
export function acknowledgeGuardRule(construct: IConstruct, rule: string, reason: string): void {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new GuardAcknowledgementError(
      `Guard rule ${rule} at ${construct.node.path}: acknowledge it on one CloudFormation resource (a CfnResource, or an L2 construct whose default child is one), not on a scope.`,
    );
  }
  if (reason.trim() === '') {
    throw new GuardAcknowledgementError(
      `Guard rule ${rule} at ${resource.node.path}: give the reason it does not apply to this resource.`,
    );
  }
  Validations.of(resource).acknowledge({ id: `${GUARD_PLUGIN_NAME}::${rule}`, reason });
  const existing = resource.getMetadata(GUARD_METADATA_KEY) as GuardMetadata | undefined;
  const metadata: GuardMetadata = existing ?? { SuppressedRules: [], Reasons: {} };
  if (!metadata.SuppressedRules.includes(rule)) metadata.SuppressedRules.push(rule);
  metadata.Reasons[rule] = reason;
  resource.addMetadata(GUARD_METADATA_KEY, metadata);
}
