import { Stack, StackProps } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { SsmNames } from '@amzconnect/env';
import { PlatformFunction } from '@amzconnect/constructs';
import { FUNCTION_SOURCES, FunctionContext, FunctionSource, WorkloadSettings } from './function-sources';
import { FunctionDefinition } from './functions-registry';
import { WORKLOAD_IDS } from './workloads/manifest/workload-manifests';
import { WORKLOAD_CONSTRUCTS, WorkloadConstructFactory } from './workloads/workload-constructs';

/** Properties of a {@link LambdasStack}. */
export interface LambdasStackProps extends StackProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** The functions to deploy, from the validated `config/functions.json`. */
  readonly functions: readonly FunctionDefinition[];
  /** Code for each registry name. @default FUNCTION_SOURCES */
  readonly sources?: Readonly<Record<string, FunctionSource>>;
  /**
   * Settings of the workloads enabled for this environment and Region; registry functions of a
   * workload absent here are not deployed. @default none (no workload)
   */
  readonly workloads?: WorkloadSettings;
}

/**
 * The functions of one environment in one Region. Everything upstream (instance, customer table,
 * flow bucket) is read from SSM parameters at deploy time, never from cross-stack exports; each
 * function's ARN and name are published under `/<app>/<env>/lambdas/<name>/{arn,name}`.
 */
export class LambdasStack extends Stack {
  /** The deployed functions, by registry name. */
  public readonly functions: ReadonlyMap<string, PlatformFunction>;

  constructor(scope: Construct, id: string, props: LambdasStackProps) {
    super(scope, id, props);
    const { app, envName } = props;
    const sources = props.sources ?? FUNCTION_SOURCES;
    const fromSsm = (name: string) => ssm.StringParameter.valueForStringParameter(this, name);
    const shared = {
      app,
      envName,
      connectInstanceArn: fromSsm(SsmNames.connect.instanceArn(app, envName)),
      customerTable: {
        name: fromSsm(SsmNames.infra.customerTableName(app, envName)),
        arn: fromSsm(SsmNames.infra.customerTableArn(app, envName)),
      },
      flowBucketName: fromSsm(SsmNames.infra.flowBucketName(app, envName)),
      workloads: props.workloads ?? {},
    };
    // Functions of a workload are deployed only where the workload is enabled.
    const deployed = props.functions.filter(
      (f) => f.workload === undefined || shared.workloads[f.workload as keyof WorkloadSettings] !== undefined,
    );

    const built = new Map<string, PlatformFunction>();
    for (const definition of buildOrder(deployed, sources)) {
      const source = sources[definition.name];
      const context: FunctionContext = { ...shared, definition, built };
      const fn = new PlatformFunction(this, constructId(definition.name), {
        entry: source.entry,
        description: definition.description,
        serviceName: definition.name,
        invokedByFlows: definition.invokedByFlows,
        connectInstanceArn: definition.invokedByFlows ? shared.connectInstanceArn : undefined,
        ...source.settings?.(context),
      });
      source.grant?.(fn, context);
      built.set(definition.name, fn);
      publish(this, app, envName, definition.name, fn);
    }
    this.functions = built;
    // Each workload on here builds its own resources (the CDK half of its manifest).
    for (const id of WORKLOAD_IDS) {
      const settings = shared.workloads[id];
      const build = WORKLOAD_CONSTRUCTS[id] as WorkloadConstructFactory<typeof settings> | undefined;
      if (settings !== undefined && build)
        build(this, settings, { app, envName, connectInstanceArn: shared.connectInstanceArn });
    }
  }
}

/** Publishes a function's ARN and name under the shared SSM naming scheme. */
function publish(scope: Construct, app: string, envName: string, name: string, fn: PlatformFunction): void {
  const id = constructId(name);
  new ssm.StringParameter(scope, `${id}ArnParameter`, {
    parameterName: SsmNames.lambdas.functionArn(app, envName, name),
    stringValue: fn.functionArn,
    description: `ARN of the ${name} function`,
  });
  new ssm.StringParameter(scope, `${id}NameParameter`, {
    parameterName: SsmNames.lambdas.functionName(app, envName, name),
    stringValue: fn.functionName,
    description: `Name of the ${name} function`,
  });
}

/** `customer-lookup` → `CustomerLookup`. */
export function constructId(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The definitions in registry order, except that a function comes after those it `needs`.
 * @throws Error when a name has no source, or a needed function is not declared
 */
export function buildOrder(
  functions: readonly FunctionDefinition[],
  sources: Readonly<Record<string, FunctionSource>>,
): FunctionDefinition[] {
  const declared = new Set(functions.map((f) => f.name));
  const problems: string[] = [];
  for (const f of functions) {
    const source = sources[f.name];
    if (!source) {
      problems.push(
        `"${f.name}" has no code mapping (known: ${Object.keys(sources).join(', ')}); add a source in lib/function-sources.ts or remove it from config/functions.json.`,
      );
      continue;
    }
    for (const need of source.needs ?? []) {
      if (!declared.has(need))
        problems.push(
          `"${f.name}" needs "${need}", which config/functions.json does not declare; declare "${need}" too.`,
        );
    }
  }
  if (problems.length > 0) throw new Error(`Cannot build the functions:\n  - ${problems.join('\n  - ')}`);
  const ordered: FunctionDefinition[] = [];
  const visit = (f: FunctionDefinition, path: readonly string[]) => {
    if (ordered.includes(f)) return;
    if (path.includes(f.name))
      throw new Error(`Cannot build the functions: "needs" form a cycle: ${[...path, f.name].join(' -> ')}.`);
    for (const need of sources[f.name].needs ?? [])
      visit(functions.find((g) => g.name === need) as FunctionDefinition, [...path, f.name]);
    ordered.push(f);
  };
  for (const f of functions) visit(f, []);
  return ordered;
}
