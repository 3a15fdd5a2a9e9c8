import { Stack } from 'aws-cdk-lib';

/**
 * Renders a resource string the way cdk-nag names it in finding ids (`Ref` → `<LogicalId>`,
 * `Fn::GetAtt` → `<LogicalId.Attr>`, pseudo parameters → `<AWS::Partition>`), so an
 * acknowledgement names exactly one resource even when it contains deploy-time values.
 */
export function nagResourceName(stack: Stack, value: string): string {
  return render(stack.resolve(value));
}

function render(resolved: unknown): string {
  if (typeof resolved === 'string') return resolved;
  const o = resolved as Record<string, unknown>;
  if (typeof o?.Ref === 'string') return `<${o.Ref}>`;
  const getAtt = o?.['Fn::GetAtt'] as unknown[] | undefined;
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = o?.['Fn::Join'] as [string, unknown[]] | undefined;
  if (Array.isArray(join)) return join[1].map(render).join(join[0]);
  throw new Error(`Cannot render ${JSON.stringify(resolved)} as a cdk-nag resource name.`);
}

/** The cdk-nag finding id for a wildcard resource in a policy. */
export function iam5Resource(stack: Stack, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${nagResourceName(stack, resource)}]`;
}
