import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ConnectFunction } from './connect-function';
import { flowProvisionerStatements } from './flow-provisioner-statements';
import { FunctionDefinition } from './functions-registry';

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
  /** Id of the environment's Connect instance. */
  readonly connectInstanceId: string;
  /** Name and ARN of the supporting-infra customer table. */
  readonly customerTable: { readonly name: string; readonly arn: string };
  /** Name of the supporting-infra flow bucket (versioned). */
  readonly flowBucketName: string;
  /** Functions built so far, by registry name (those named in `needs` are guaranteed). */
  readonly built: ReadonlyMap<string, ConnectFunction>;
}

/** The code behind one registry name: how to build it, and which other functions it needs first. */
export interface FunctionSource {
  /** Registry names that must be built before this one. @default none */
  readonly needs?: readonly string[];
  /** Creates the function (and its grants) in `scope` under `id`. */
  readonly build: (scope: Construct, id: string, ctx: FunctionContext) => ConnectFunction;
}

const SRC = path.join(__dirname, '..', 'src');

/** Milliseconds the customer lookup waits for DynamoDB before answering "not found". */
export const CUSTOMER_LOOKUP_TIMEOUT_MS = 2000;

/** Object keys the mapping function may read in the flow bucket. */
export function flowBucketObjectsArn(stack: Stack, bucketName: string): string {
  return `arn:${stack.partition}:s3:::${bucketName}/*`;
}

/**
 * Every function the stack can deploy, by registry name. `config/functions.json` says which are
 * deployed and how flows use them; this map says how each is built. A registry name missing here
 * is reported at the entry point.
 */
export const FUNCTION_SOURCES: Readonly<Record<string, FunctionSource>> = {
  'customer-lookup': {
    build: (scope, id, ctx) => {
      const fn = new ConnectFunction(scope, id, {
        entry: path.join(SRC, 'customer-lookup', 'handler.ts'),
        description: ctx.definition.description,
        serviceName: ctx.definition.name,
        invokedByFlows: ctx.definition.invokedByFlows,
        connectInstanceArn: ctx.definition.invokedByFlows ? ctx.connectInstanceArn : undefined,
        environment: {
          CUSTOMER_TABLE_NAME: ctx.customerTable.name,
          LOOKUP_TIMEOUT_MS: String(CUSTOMER_LOOKUP_TIMEOUT_MS),
        },
      });
      // One conditional UpdateItem both reads the customer (ALL_OLD) and records the call date.
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [ctx.customerTable.arn] }));
      return fn;
    },
  },
  mapping: {
    build: (scope, id, ctx) => {
      const fn = new ConnectFunction(scope, id, {
        entry: path.join(SRC, 'mapping', 'handler.ts'),
        description: ctx.definition.description,
        serviceName: ctx.definition.name,
        invokedByFlows: ctx.definition.invokedByFlows,
        connectInstanceArn: ctx.definition.invokedByFlows ? ctx.connectInstanceArn : undefined,
        timeout: Duration.seconds(5),
      });
      // The provisioner sets MAPPING_BUCKET/KEY/VERSION_ID; the document is in the flow bucket.
      const objects = flowBucketObjectsArn(Stack.of(fn), ctx.flowBucketName);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [objects] }));
      return fn;
    },
  },
  'flow-provisioner': {
    needs: ['mapping'],
    build: (scope, id, ctx) => {
      const mapping = ctx.built.get('mapping') as ConnectFunction;
      const stack = Stack.of(scope);
      const fn = new ConnectFunction(scope, id, {
        entry: path.join(SRC, 'flow-provisioner', 'handler.ts'),
        description: ctx.definition.description,
        serviceName: ctx.definition.name,
        invokedByFlows: ctx.definition.invokedByFlows,
        connectInstanceArn: ctx.definition.invokedByFlows ? ctx.connectInstanceArn : undefined,
        timeout: Duration.minutes(15),
        memorySize: 1024,
        environment: {
          APP: ctx.app,
          ENV_NAME: ctx.envName,
          CONNECT_INSTANCE_ARN: ctx.connectInstanceArn,
          CONNECT_INSTANCE_ID: ctx.connectInstanceId,
          FLOW_BUCKET_NAME: ctx.flowBucketName,
          MAPPING_FUNCTION_NAME: mapping.functionName,
        },
      });
      for (const statement of flowProvisionerStatements({
        partition: stack.partition,
        account: stack.account,
        region: stack.region,
        app: ctx.app,
        envName: ctx.envName,
        connectInstanceArn: ctx.connectInstanceArn,
        flowBucketName: ctx.flowBucketName,
        mappingFunctionArn: mapping.functionArn,
      })) {
        fn.addToRolePolicy(statement);
      }
      return fn;
    },
  },
};

/** Names the stack has code for. */
export const KNOWN_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTION_SOURCES);
