import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** Properties the contact-flows stack gives its `Custom::ContactFlows` resource. */
export interface ContactFlowsProperties {
  /** Application prefix, e.g. `acme`. */
  readonly App: string;
  /** Environment name, e.g. `develop`. */
  readonly Env: string;
  /** Bucket of the flow bundle asset. */
  readonly BundleBucket: string;
  /** Key of the flow bundle asset. */
  readonly BundleKey: string;
  /** Hash of the bundle; a new hash is what makes CloudFormation send an Update. */
  readonly BundleHash: string;
  /** Keep a Connect flow version after each content update ("true"/"false"). @default "false" */
  readonly CreateFlowVersions?: string;
  /** Comma-separated repository names whose untagged namesakes may be adopted. @default none */
  readonly Adopt?: string;
  /** `overwrite` (after a backup) or `fail` when flows drifted. @default "overwrite" */
  readonly OnDrift?: string;
  /**
   * Comma-separated repository names of flows whose ARNs the resource returns as `FlowArn.<name>`
   * attributes, for resources that need a deployed flow (queue quick connects). @default none
   */
  readonly ExportFlowArns?: string;
}

/** A parsed, validated request. */
export interface ProvisionerRequest {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly physicalResourceId?: string;
  readonly properties: ContactFlowsProperties;
  readonly responseUrl: string;
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
}

const REQUIRED = ['App', 'Env', 'BundleBucket', 'BundleKey', 'BundleHash'] as const;

/**
 * Parses a CloudFormation custom resource event. Throws with every missing property named;
 * a Delete is parsed leniently (it never acts), so a stack with bad properties can still be deleted.
 */
export function parseProvisionerRequest(event: CloudFormationCustomResourceEvent): ProvisionerRequest {
  const props = (event.ResourceProperties ?? {}) as Record<string, unknown>;
  if (event.RequestType !== 'Delete') {
    const missing = REQUIRED.filter((k) => typeof props[k] !== 'string' || (props[k] as string).length === 0);
    if (missing.length > 0) {
      throw new Error(
        `Custom::ContactFlows is missing properties ${missing.join(', ')}: set them in the contact-flows stack.`,
      );
    }
  }
  return {
    requestType: event.RequestType,
    physicalResourceId: event.RequestType === 'Create' ? undefined : event.PhysicalResourceId,
    properties: props as unknown as ContactFlowsProperties,
    responseUrl: event.ResponseURL,
    stackId: event.StackId,
    requestId: event.RequestId,
    logicalResourceId: event.LogicalResourceId,
  };
}

/** What the provisioner does for a request. */
export type ProvisionerDecision =
  | { readonly action: 'deploy'; readonly physicalResourceId: string }
  | { readonly action: 'none'; readonly physicalResourceId: string; readonly reason: string };

/**
 * Decides (pure): Create and Update deploy the bundle; Delete does nothing, because flows are
 * never deleted (removing the stack leaves the instance as it is). The physical id is stable per
 * app and environment, so an Update never looks like a replacement to CloudFormation.
 */
export function decideProvisionerAction(request: ProvisionerRequest): ProvisionerDecision {
  const physicalResourceId =
    request.physicalResourceId ??
    `${request.properties.App ?? 'app'}-${request.properties.Env ?? 'env'}-contact-flows`;
  if (request.requestType === 'Delete') {
    return {
      action: 'none',
      physicalResourceId,
      reason: 'Delete never removes contact flows; the instance keeps them.',
    };
  }
  return { action: 'deploy', physicalResourceId };
}
