import * as iam from 'aws-cdk-lib/aws-iam';
import { cdkAssetsBucketName } from '../src/deploy/cdk-assets-bucket';
import { DEFAULT_RUN_LOCK_KEY } from '../src/deploy/run-lock';

/** What the provisioner's permissions are scoped to. */
export interface FlowProvisionerScope {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
  /** Application prefix; the provisioner reads `/<app>/<env>/*` parameters. */
  readonly app: string;
  readonly envName: string;
  readonly connectInstanceArn: string;
  readonly flowBucketName: string;
  readonly mappingFunctionArn: string;
}

/**
 * Connect actions the flow deployment engine calls: reads, and creating/updating flows and
 * modules. Never a delete. `SearchContactFlows`/`SearchContactFlowModules` are added to the
 * issue's list because the engine (amzconnect-contact-flows `read-instance.ts`) calls them.
 */
export const FLOW_PROVISIONER_CONNECT_ACTIONS = [
  'connect:List*',
  'connect:Describe*',
  'connect:SearchContactFlows',
  'connect:SearchContactFlowModules',
  'connect:CreateContactFlow',
  'connect:UpdateContactFlowContent',
  'connect:UpdateContactFlowMetadata',
  'connect:UpdateContactFlowName',
  'connect:CreateContactFlowModule',
  'connect:UpdateContactFlowModuleContent',
  'connect:UpdateContactFlowModuleMetadata',
  'connect:CreateContactFlowVersion',
  // Ownership: tags on create (CreateContactFlow/Module with Tags needs connect:TagResource) and adoption.
  'connect:TagResource',
] as const;

export { cdkAssetsBucketName } from '../src/deploy/cdk-assets-bucket';

/**
 * Every permission of the flow provisioner, scoped to the resources it touches: this instance,
 * the flow bucket's objects, the CDK assets bucket's objects (read only), the mapping function's
 * configuration, and this environment's SSM parameters.
 */
export function flowProvisionerStatements(s: FlowProvisionerScope): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ConnectFlowsOfThisInstance',
      actions: [...FLOW_PROVISIONER_CONNECT_ACTIONS],
      resources: [s.connectInstanceArn, `${s.connectInstanceArn}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'FlowBucketObjects',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [`arn:${s.partition}:s3:::${s.flowBucketName}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'CdkAssetObjects',
      actions: ['s3:GetObject'],
      resources: [`arn:${s.partition}:s3:::${cdkAssetsBucketName(s.account, s.region)}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'RunLock',
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [
        `arn:${s.partition}:s3:::${cdkAssetsBucketName(s.account, s.region)}/${DEFAULT_RUN_LOCK_KEY}`,
      ],
    }),
    new iam.PolicyStatement({
      sid: 'PublishMapping',
      actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'],
      resources: [s.mappingFunctionArn],
    }),
    new iam.PolicyStatement({
      sid: 'EnvironmentParameters',
      actions: ['ssm:GetParameter', 'ssm:GetParameters'],
      resources: [`arn:${s.partition}:ssm:${s.region}:${s.account}:parameter/${s.app}/${s.envName}/*`],
    }),
  ];
}
