import { CustomResource, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { SsmNames } from '@amzconnect/env';
import { FLOW_ARN_ATTRIBUTE_PREFIX } from '../src/provisioner/exported-flow-arns';
import { FlowProvisioner } from './flow-provisioner';
import { QueueTransferQuickConnects } from './queue-transfer-quick-connects';

/** Queue quick connects that run a QUEUE_TRANSFER flow of the bundle. */
export interface QueueTransferSettings {
  /** Repository name of the QUEUE_TRANSFER flow, e.g. `ACME_email_queue_transfer`. */
  readonly transferFlow: string;
  /**
   * Names of the queues (`config/instance.json`, created or adopted): one quick connect to each,
   * shown on contacts of each of the others.
   */
  readonly queues: readonly string[];
  /** What the quick connects carry, e.g. `Email` → `Email to ACME_Sales`. */
  readonly label: string;
}

/** Properties of a {@link ContactFlowsStack}. */
export interface ContactFlowsStackProps extends StackProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /**
   * Path of the flow bundle file (`writeFlowBundleFile`): every flow and module of the
   * repository as one JSON file, deployed as one asset.
   */
  readonly flowBundlePath: string;
  /**
   * Keep a Connect flow version (`CreateContactFlowVersion`) after each content update, on top of
   * the S3 backups. Costs one more rate-limited write per changed flow. @default false
   */
  readonly createFlowVersions?: boolean;
  /**
   * Repository names of flows whose untagged namesakes in the instance may be adopted (backed up,
   * tagged, then written). @default none: flows the platform did not create are never touched
   */
  readonly adopt?: readonly string[];
  /** `fail` refuses a deployment when flows were edited in Connect since our last write. @default overwrite (after a backup) */
  readonly onDrift?: 'overwrite' | 'fail';
  /**
   * Queue quick connects for transfer flows of the bundle (workloads with a transfer flow, where
   * they are on). @default none
   */
  readonly queueTransfers?: readonly QueueTransferSettings[];
}

/**
 * Deploys the repository's contact flows into one environment's instance in one Region: the
 * flows travel as a file asset, and a `Custom::ContactFlows` resource hands them to this stack's
 * {@link FlowProvisioner} (the engine and the Lambda that runs it ship together), which plans and
 * applies them across as many isComplete calls as needed. A new bundle (any flow changed) has a
 * new hash, hence a new `BundleHash` property, hence an Update; nothing changed, nothing runs.
 * The resource is retained on stack deletion: flows are never deleted. `ServiceTimeout` bounds how
 * long CloudFormation waits for an answer.
 */
export class ContactFlowsStack extends Stack {
  /** The flow bundle asset. */
  public readonly bundle: Asset;
  /** The custom resource that deploys the bundle. */
  public readonly contactFlows: CustomResource;
  /** The provider that runs the engine. */
  public readonly provisioner: FlowProvisioner;
  /** The queue quick connects of each transfer flow, by the flow's repository name. */
  public readonly queueTransfers: ReadonlyMap<string, QueueTransferQuickConnects>;
  private readonly exportedFlows: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: ContactFlowsStackProps) {
    super(scope, id, props);
    this.bundle = new Asset(this, 'FlowBundle', { path: props.flowBundlePath });
    const param = (name: string) => StringParameter.valueForStringParameter(this, name);
    const instanceId = param(SsmNames.connect.instanceId(props.app, props.envName));
    const instanceArn = `arn:${this.partition}:connect:${this.region}:${this.account}:instance/${instanceId}`;
    this.provisioner = new FlowProvisioner(this, 'FlowProvisioner', {
      app: props.app,
      envName: props.envName,
      connectInstanceArn: instanceArn,
      flowBucketName: param(SsmNames.infra.flowBucketName(props.app, props.envName)),
      mappingFunctionArn: param(SsmNames.lambdas.functionArn(props.app, props.envName, 'mapping')),
    });
    const exported = [...new Set((props.queueTransfers ?? []).map((t) => t.transferFlow))].sort();
    this.exportedFlows = new Set(exported);
    this.contactFlows = new CustomResource(this, 'ContactFlows', {
      serviceToken: this.provisioner.serviceToken,
      resourceType: 'Custom::ContactFlows',
      removalPolicy: RemovalPolicy.RETAIN,
      // The framework answers within its total timeout (its onTimeout handler answers FAILED), so
      // CloudFormation never waits longer than that plus a margin (maximum 3,600 s).
      serviceTimeout: Duration.seconds(Math.min(3600, this.provisioner.totalTimeout.toSeconds() + 300)),
      properties: {
        App: props.app,
        Env: props.envName,
        BundleBucket: this.bundle.s3BucketName,
        BundleKey: this.bundle.s3ObjectKey,
        BundleHash: this.bundle.assetHash,
        CreateFlowVersions: String(props.createFlowVersions ?? false),
        Adopt: (props.adopt ?? []).join(','),
        OnDrift: props.onDrift ?? 'overwrite',
        // Only when asked for, so stacks without quick connects keep their template.
        ...(exported.length > 0 ? { ExportFlowArns: exported.join(',') } : {}),
      },
    });
    const transfers = new Map<string, QueueTransferQuickConnects>();
    for (const t of props.queueTransfers ?? []) {
      transfers.set(
        t.transferFlow,
        new QueueTransferQuickConnects(this, `QueueTransfer${t.transferFlow}`, {
          instanceArn,
          transferFlowArn: this.flowArn(t.transferFlow),
          transferFlowName: t.transferFlow,
          label: t.label,
          queues: new Map(
            t.queues.map((q) => [q, param(SsmNames.connect.queueArn(props.app, props.envName, q))]),
          ),
        }),
      );
    }
    this.queueTransfers = transfers;
  }

  /**
   * The ARN of a deployed flow of the bundle, read from the `Custom::ContactFlows` resource after
   * the deployment (its `FlowArn.<name>` attribute): only for flows the stack exports.
   */
  public flowArn(name: string): string {
    if (!this.exportedFlows.has(name))
      throw new Error(
        `ContactFlowsStack: flow ${name} is not exported; name it in queueTransfers to read its ARN.`,
      );
    return this.contactFlows.getAttString(`${FLOW_ARN_ATTRIBUTE_PREFIX}${name}`);
  }
}
