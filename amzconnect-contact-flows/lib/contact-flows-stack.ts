import { CustomResource, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { SsmNames } from '@amzconnect/env';
import { FlowProvisioner } from './flow-provisioner';

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

  constructor(scope: Construct, id: string, props: ContactFlowsStackProps) {
    super(scope, id, props);
    this.bundle = new Asset(this, 'FlowBundle', { path: props.flowBundlePath });
    const param = (name: string) => StringParameter.valueForStringParameter(this, name);
    const instanceId = param(SsmNames.connect.instanceId(props.app, props.envName));
    this.provisioner = new FlowProvisioner(this, 'FlowProvisioner', {
      app: props.app,
      envName: props.envName,
      connectInstanceArn: `arn:${this.partition}:connect:${this.region}:${this.account}:instance/${instanceId}`,
      flowBucketName: param(SsmNames.infra.flowBucketName(props.app, props.envName)),
      mappingFunctionArn: param(SsmNames.lambdas.functionArn(props.app, props.envName, 'mapping')),
    });
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
      },
    });
  }
}
