import { CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Default `ServiceTimeout` of custom resources, in seconds: CloudFormation waits this long for a
 * provider's answer instead of the default hour (CloudFormation User Guide,
 * `AWS::CloudFormation::CustomResource` `ServiceTimeout`: 1-3600 seconds). 15 minutes is the
 * longest a Lambda-backed provider can run, so a provider that crashes without answering frees
 * the stack after at most 15 minutes.
 */
export const CUSTOM_RESOURCE_SERVICE_TIMEOUT_SECONDS = 900;

/**
 * Resource types that set their own `ServiceTimeout`: the contact-flows provisioner (its
 * construct owns the value, sized for Connect's rate limits).
 */
export const OWN_SERVICE_TIMEOUT_TYPES: readonly string[] = ['Custom::ContactFlows'];

/** Sets {@link CUSTOM_RESOURCE_SERVICE_TIMEOUT_SECONDS} on every custom resource that has none. */
export class CustomResourceServiceTimeout implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const type = node.cfnResourceType;
    const custom = type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
    if (!custom || OWN_SERVICE_TIMEOUT_TYPES.includes(type)) return;
    const props = (node as unknown as { _cfnProperties?: Record<string, unknown> })._cfnProperties ?? {};
    if (props.ServiceTimeout !== undefined || props.serviceTimeout !== undefined) return;
    node.addPropertyOverride('ServiceTimeout', String(CUSTOM_RESOURCE_SERVICE_TIMEOUT_SECONDS));
  }
}
