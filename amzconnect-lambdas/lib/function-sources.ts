import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformFunction, PlatformFunctionProps } from '@amzconnect/constructs';
import { MAPPING_LOCATION_ENV, mappingObjectKey } from '@amzconnect/env/contracts';
import { FunctionDefinition } from './functions-registry';
import type { WorkloadTargets } from './workloads/manifest/workload-manifests';
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

/** Settings of the workloads on in one environment and Region, by id (see the workload manifests). */
export type WorkloadSettings = WorkloadTargets;

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
        RECORD_CALLS: String(ctx.definition.recordCalls === true),
      },
    }),
    // Read only (GetItem), as the reference; with "recordCalls": true one conditional UpdateItem
    // both reads the customer (ALL_OLD) and records the call date.
    grant: (fn, ctx) =>
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: [ctx.definition.recordCalls === true ? 'dynamodb:UpdateItem' : 'dynamodb:GetItem'],
          resources: [ctx.customerTable.arn],
        }),
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
  // Workload: agent-guides (issue 9); deployed only where config/workloads/agent-guides.json enables it.
  ...AGENT_GUIDES_SOURCES,
};

/** Names the stack has code for. */
export const KNOWN_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTION_SOURCES);
