import * as path from 'path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformFunction, PlatformFunctionProps } from '@amzconnect/constructs';
import { MAPPING_LOCATION_ENV, mappingObjectKey } from '@amzconnect/env/contracts';
import { flowProvisionerStatements } from './flow-provisioner-statements';
import { FunctionDefinition } from './functions-registry';
import { iam5Resource } from './nag-resource-name';
import type { AgentGuidesTarget } from './workloads/agent-guides/agent-guides-config';
import { AGENT_GUIDES_SOURCES } from './workloads/agent-guides/agent-guides-sources';

/** Values a function source may use; all resolved by the stack from SSM, never from exports. */
export interface FunctionContext {
  /** The registry entry being built. */
  readonly definition: FunctionDefinition;
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** ARN of the environment's Connect instance. */
  readonly connectInstanceArn: string;
  /** Name and ARN of the supporting-infra customer table. */
  readonly customerTable: { readonly name: string; readonly arn: string };
  /** Name of the supporting-infra flow bucket (versioned). */
  readonly flowBucketName: string;
  /** Functions built so far, by registry name (those named in `needs` are guaranteed). */
  readonly built: ReadonlyMap<string, PlatformFunction>;
  /** Settings of the workloads enabled for this environment and Region (see {@link WorkloadSettings}). */
  readonly workloads: WorkloadSettings;
}

/**
 * Settings of the optional workloads, by workload name (`config/workloads/<name>.json`, validated
 * at the entry point), for one environment and Region. A workload absent here is off: registry
 * functions with that `workload` are not deployed. One line per workload.
 */
export interface WorkloadSettings {
  /** Agent step-by-step guides with e-mail and SMS back-end actions (issue 9). */
  readonly 'agent-guides'?: AgentGuidesTarget;
  /** SMS and Messenger bridged to Connect chat (issue 10); built by `MessagingChannels`, not from the registry. */
  readonly 'messaging-channels'?: import('./workloads/messaging-channels/messaging-channels-config').MessagingChannelsSettings;
  /** Email channel on Amazon Connect Tasks (issue 11); built by `EmailChannel`, not from the registry. */
  readonly 'email-channel'?: import('./workloads/email-channel/email-channel-settings').EmailChannelSettings;
}

/** What a source may set beyond the registry's name, description and `invokedByFlows`. */
export type FunctionSettings = Pick<
  PlatformFunctionProps,
  'environment' | 'timeout' | 'memorySize' | 'logLevel' | 'logRetention'
>;

/**
 * The code behind one registry name: its handler file, its settings, and what it is granted.
 * The stack creates the {@link PlatformFunction}; a source only adds what differs.
 */
export interface FunctionSource {
  /** Absolute path of the handler file (exports `handler`). */
  readonly entry: string;
  /** Registry names that must be built before this one. @default none */
  readonly needs?: readonly string[];
  /** Settings from the context (environment variables, timeout, memory). @default the PlatformFunction defaults */
  readonly settings?: (ctx: FunctionContext) => FunctionSettings;
  /** Grants the function exactly what its code calls. @default nothing beyond its own log group and X-Ray */
  readonly grant?: (fn: PlatformFunction, ctx: FunctionContext) => void;
}

const SRC = path.join(__dirname, '..', 'src');

/** Milliseconds the customer lookup waits for DynamoDB before answering "not found". */
export const CUSTOMER_LOOKUP_TIMEOUT_MS = 2000;

/** Handler file of the flow provisioner (its engine comes from the flow-deployment work). */
export const FLOW_PROVISIONER_ENTRY = path.join(SRC, 'flow-provisioner', 'handler.ts');

/**
 * Every function the stack can deploy, by registry name. `config/functions.json` says which are
 * deployed and whether flows invoke them; this map says how each is built. A registry name
 * missing here is reported at the entry point.
 */
export const FUNCTION_SOURCES: Readonly<Record<string, FunctionSource>> = {
  'customer-lookup': {
    entry: path.join(SRC, 'customer-lookup', 'handler.ts'),
    settings: (ctx) => ({
      environment: {
        CUSTOMER_TABLE_NAME: ctx.customerTable.name,
        LOOKUP_TIMEOUT_MS: String(CUSTOMER_LOOKUP_TIMEOUT_MS),
      },
    }),
    // One conditional UpdateItem both reads the customer (ALL_OLD) and records the call date.
    grant: (fn, ctx) =>
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [ctx.customerTable.arn] }),
      ),
  },
  mapping: {
    entry: path.join(SRC, 'mapping', 'handler.ts'),
    // The stack says where the document is; the flow provisioner pins MAPPING_VERSION_ID when it publishes.
    settings: (ctx) => ({
      timeout: Duration.seconds(5),
      environment: {
        [MAPPING_LOCATION_ENV.bucket]: ctx.flowBucketName,
        [MAPPING_LOCATION_ENV.key]: mappingObjectKey(ctx.app, ctx.envName),
      },
    }),
    grant: (fn, ctx) =>
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [
            `arn:${Stack.of(fn).partition}:s3:::${ctx.flowBucketName}/${mappingObjectKey(ctx.app, ctx.envName)}`,
          ],
        }),
      ),
  },
  'flow-provisioner': {
    entry: FLOW_PROVISIONER_ENTRY,
    needs: ['mapping'],
    // A CloudFormation custom resource provider (Custom::ContactFlows of the contact-flows stack):
    // app and environment come with each request, everything else from SSM, so no environment.
    settings: () => ({ timeout: Duration.minutes(15), memorySize: 1024 }),
    grant: (fn, ctx) => {
      const stack = Stack.of(fn);
      const statements = flowProvisionerStatements({
        partition: stack.partition,
        account: stack.account,
        region: stack.region,
        app: ctx.app,
        envName: ctx.envName,
        connectInstanceArn: ctx.connectInstanceArn,
        flowBucketName: ctx.flowBucketName,
        mappingFunctionArn: mappingOf(ctx).functionArn,
      });
      statements.forEach((s) => fn.addToRolePolicy(s));
      acknowledgeFlowProvisionerWildcards(fn, statements);
    },
  },
  // Workload: agent-guides (issue 9); deployed only where config/workloads/agent-guides.json enables it.
  ...AGENT_GUIDES_SOURCES,
};

/** One acknowledgement per wildcard of the provisioner's policy, each with its own reason. */
function acknowledgeFlowProvisionerWildcards(
  fn: PlatformFunction,
  statements: readonly iam.PolicyStatement[],
): void {
  const stack = Stack.of(fn);
  const bySid = (sid: string) => statements.find((s) => s.sid === sid) as iam.PolicyStatement;
  const reasons: Record<string, string> = {
    ConnectFlowsOfThisInstance:
      'Flows, modules and the resources they reference are created and looked up at deploy time, so their ids are unknown; every resource is inside this one instance.',
    FlowBucketObjects:
      'Flow content is saved before each overwrite under a key per flow and run; objects of the flow bucket only.',
    CdkAssetObjects:
      "CDK assets are content-addressed (hash-named) objects staged at synthesis; read-only, this account and Region's bootstrap bucket only.",
    EnvironmentParameters:
      'The engine resolves references (queues, hours, Lex aliases, functions) through the SSM parameters of this app and environment only.',
  };
  const acks = Object.entries(reasons).flatMap(([sid, reason]) =>
    bySid(sid)
      .resources.filter((r) => r.endsWith('/*'))
      .map((r) => ({ id: iam5Resource(stack, r), reason })),
  );
  Validations.of(fn.executionRole).acknowledge(
    ...acks,
    {
      id: 'AwsSolutions-IAM5[Action::connect:List*]',
      reason:
        'The engine lists every kind of resource of the instance (flows, modules, queues, prompts, hours, bots, functions); read-only, this instance only.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::connect:Describe*]',
      reason:
        'The engine reads the deployed content of flows and modules to plan changes; read-only, this instance only.',
    },
  );
}

function mappingOf(ctx: FunctionContext): PlatformFunction {
  return ctx.built.get('mapping') as PlatformFunction;
}

/** Names the stack has code for. */
export const KNOWN_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTION_SOURCES);
