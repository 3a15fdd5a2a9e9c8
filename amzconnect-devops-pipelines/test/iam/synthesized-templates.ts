import type { App } from 'aws-cdk-lib';

/** One synthesized template with the account and Region it deploys to. */
export interface DeployedTemplate {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly template: CfnTemplate;
}

/** The parts of a CloudFormation template the evaluation reads. */
export interface CfnTemplate {
  readonly Parameters?: Record<string, { Type: string; Default?: string }>;
  readonly Resources?: Record<string, CfnResourceJson>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

/** A resource of a template. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

/** Every stack of a synthesized app, by stack name. */
export function templatesOf(app: App): DeployedTemplate[] {
  return app.synth().stacks.map((s) => ({
    stackName: s.stackName,
    account: s.environment.account,
    region: s.environment.region,
    template: s.template as CfnTemplate,
  }));
}

/**
 * Resolves the intrinsic functions that synthesized IAM policies contain into the strings AWS
 * would evaluate: pseudo parameters, `Ref`/`Fn::GetAtt` of roles, managed policies, buckets,
 * keys and projects (named resources by their name, others by a stable stand-in of their
 * generated id), `Fn::Join`, `Fn::Sub` and cross-stack `Fn::ImportValue`.
 */
export class TemplateResolver {
  private readonly exports = new Map<string, { owner: DeployedTemplate; value: unknown }>();

  constructor(all: readonly DeployedTemplate[]) {
    for (const t of all) {
      for (const o of Object.values(t.template.Outputs ?? {})) {
        if (o.Export) this.exports.set(o.Export.Name, { owner: t, value: o.Value });
      }
    }
  }

  /** Resolves a value of `owner`'s template. */
  public resolve(owner: DeployedTemplate, value: unknown): any {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(owner, v));
    if (!value || typeof value !== 'object') return value;
    const obj = value as Record<string, any>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === 'Ref') return this.ref(owner, obj.Ref as string);
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attr] = obj['Fn::GetAtt'] as [string, string];
      return this.getAtt(owner, id, attr);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
      return (this.resolve(owner, parts) as unknown[]).join(sep);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const text = (Array.isArray(obj['Fn::Sub']) ? obj['Fn::Sub'][0] : obj['Fn::Sub']) as string;
      return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) =>
        String(
          name.includes('.')
            ? this.getAtt(owner, ...(name.split('.') as [string, string]))
            : this.ref(owner, name),
        ),
      );
    }
    if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
      const name = this.resolve(owner, obj['Fn::ImportValue']) as string;
      const exported = this.exports.get(name);
      if (!exported) throw new Error(`${owner.stackName}: no export named ${name}`);
      return this.resolve(exported.owner, exported.value);
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(owner, obj[k])]));
  }

  private ref(owner: DeployedTemplate, name: string): string {
    switch (name) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::AccountId':
        return owner.account;
      case 'AWS::Region':
        return owner.region;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return owner.stackName;
    }
    const param = owner.template.Parameters?.[name];
    if (param) return `{param ${name}}`;
    const r = this.resource(owner, name);
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::IAM::Role':
        return (p.RoleName as string) ?? `${owner.stackName}-${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${owner.account}:policy${(p.Path as string) ?? '/'}${(p.ManagedPolicyName as string) ?? `${owner.stackName}-${name}`}`;
      case 'AWS::S3::Bucket':
        return (
          (this.resolve(owner, p.BucketName) as string) ??
          `${owner.stackName.toLowerCase()}-${name.toLowerCase()}`
        );
      case 'AWS::CodeBuild::Project':
        return (p.Name as string) ?? `${owner.stackName}-${name}`;
      default:
        return `${owner.stackName}-${name}`;
    }
  }

  private getAtt(owner: DeployedTemplate, id: string, attr: string): string {
    const r = this.resource(owner, id);
    const p = r.Properties ?? {};
    if (attr === 'Arn' && r.Type === 'AWS::IAM::Role') {
      return `arn:aws:iam::${owner.account}:role${(p.Path as string) ?? '/'}${this.ref(owner, id)}`;
    }
    if (attr === 'Arn' && r.Type === 'AWS::S3::Bucket') return `arn:aws:s3:::${this.ref(owner, id)}`;
    if (attr === 'Arn' && r.Type === 'AWS::KMS::Key') {
      return `arn:aws:kms:${owner.region}:${owner.account}:key/${owner.stackName}-${id}`;
    }
    if (attr === 'Arn' && r.Type === 'AWS::CodeBuild::Project') {
      return `arn:aws:codebuild:${owner.region}:${owner.account}:project/${this.ref(owner, id)}`;
    }
    return `{${owner.stackName}.${id}.${attr}}`;
  }

  private resource(owner: DeployedTemplate, id: string): CfnResourceJson {
    const r = owner.template.Resources?.[id];
    if (!r) throw new Error(`${owner.stackName}: no resource ${id}`);
    return r;
  }
}

/** A role of a template with the identity policies attached to it, resolved. */
export interface RoleWithPolicies {
  readonly stackName: string;
  readonly logicalId: string;
  readonly arn: string;
  readonly policies: { readonly name: string; readonly policy: PolicyDocument }[];
  /** The resolved `PermissionsBoundary` of the role, if any. */
  readonly boundary?: string;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatementJson[];
}

/** An IAM policy statement. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
  readonly Principal?: unknown;
}

/**
 * Every role of `owner` with its identity policies: inline `Policies`, `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` resources naming the role, and `ManagedPolicyArns` of this template's
 * managed policies (AWS managed policies are left out; the tests that need them say so).
 */
export function rolesOf(resolver: TemplateResolver, owner: DeployedTemplate): RoleWithPolicies[] {
  const resources = owner.template.Resources ?? {};
  const roleIds = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::IAM::Role');
  const refersTo = (list: unknown, id: string) =>
    Array.isArray(list) && list.some((x) => (x as { Ref?: string })?.Ref === id);
  return roleIds.map((id) => {
    const role = resources[id];
    const policies: { name: string; policy: PolicyDocument }[] = [];
    for (const inline of (role.Properties?.Policies ?? []) as {
      PolicyName: string;
      PolicyDocument: unknown;
    }[]) {
      policies.push({ name: inline.PolicyName, policy: resolver.resolve(owner, inline.PolicyDocument) });
    }
    const attached = new Set(
      ((role.Properties?.ManagedPolicyArns ?? []) as unknown[])
        .map((x) => (x as { Ref?: string })?.Ref)
        .filter((x): x is string => !!x),
    );
    for (const [pid, r] of Object.entries(resources)) {
      const isPolicy = r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy';
      if (isPolicy && (refersTo(r.Properties?.Roles, id) || attached.has(pid))) {
        policies.push({ name: pid, policy: resolver.resolve(owner, r.Properties!.PolicyDocument) });
      }
    }
    const boundary = role.Properties?.PermissionsBoundary
      ? (resolver.resolve(owner, role.Properties.PermissionsBoundary) as string)
      : undefined;
    return {
      stackName: owner.stackName,
      logicalId: id,
      arn: resolver.resolve(owner, { 'Fn::GetAtt': [id, 'Arn'] }) as string,
      policies,
      boundary,
    };
  });
}

/** Every action and statement of a list of policies, for vocabulary checks. */
export function statementsOf(role: RoleWithPolicies): PolicyStatementJson[] {
  return role.policies.flatMap((p) => p.policy.Statement);
}

/** `x` as an array. */
export function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}
