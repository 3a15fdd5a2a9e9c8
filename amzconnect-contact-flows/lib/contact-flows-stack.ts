import { CustomResource, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { SsmNames } from '@amzconnect/env';

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
}

/**
 * Deploys the repository's contact flows into one environment's instance in one Region: the
 * flows travel as a file asset, and a `Custom::ContactFlows` resource hands them to the flow
 * provisioner Lambda of the same environment (its ARN from SSM, published by amzconnect-lambdas),
 * which plans and applies them with the deployment engine. A new bundle (any flow changed) has a
 * new hash, hence a new `BundleHash` property, hence an Update; nothing changed, nothing runs.
 * The resource is retained on stack deletion: flows are never deleted.
 */
export class ContactFlowsStack extends Stack {
  /** The flow bundle asset. */
  public readonly bundle: Asset;
  /** The custom resource that deploys the bundle. */
  public readonly contactFlows: CustomResource;

  constructor(scope: Construct, id: string, props: ContactFlowsStackProps) {
    super(scope, id, props);
    this.bundle = new Asset(this, 'FlowBundle', { path: props.flowBundlePath });
    const provisionerArn = StringParameter.valueForStringParameter(
      this,
      SsmNames.lambdas.functionArn(props.app, props.envName, 'flow-provisioner'),
    );
    this.contactFlows = new CustomResource(this, 'ContactFlows', {
      serviceToken: provisionerArn,
      resourceType: 'Custom::ContactFlows',
      removalPolicy: RemovalPolicy.RETAIN,
      properties: {
        App: props.app,
        Env: props.envName,
        BundleBucket: this.bundle.s3BucketName,
        BundleKey: this.bundle.s3ObjectKey,
        BundleHash: this.bundle.assetHash,
        CreateFlowVersions: String(props.createFlowVersions ?? false),
      },
    });
  }
}
