import { Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CUSTOMER_TABLE_PARTITION_KEY, type CustomerRecord } from './customer-record';

/** Properties of {@link CustomerTable}. */
export interface CustomerTableProps {
  /** Removal policy of the table and its key (the environment's lifecycle). */
  readonly removalPolicy: RemovalPolicy;
  /** Also turn on DynamoDB deletion protection. */
  readonly deletionProtection: boolean;
  /** Records written at deployment if their number is not in the table yet. @default none */
  readonly sampleRecords?: readonly CustomerRecord[];
}

/**
 * The customer data table of the customer-lookup hook: keyed by the caller's number
 * (`phoneNumber`, E.164), on-demand, point-in-time recovery, encrypted with a customer-managed key.
 *
 * The key is customer-managed because the table holds personal data (names, phone numbers): its
 * policy, rotation and deletion are ours to control and audit. Its policy lets principals of this
 * account use it only through DynamoDB in this Region (as an AWS managed key would), so readers
 * such as the lookup Lambda need DynamoDB permissions on the table and nothing on the key.
 */
export class CustomerTable extends Construct {
  public readonly key: kms.Key;
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CustomerTableProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'Customer data table (personal data)',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowUseThroughDynamoDBInThisAccount',
        principals: [new iam.AnyPrincipal()],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:CallerAccount': stack.account,
            'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com`,
          },
        },
      }),
    );

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: CUSTOMER_TABLE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });

    (props.sampleRecords ?? []).forEach((record, i) => {
      const put: cr.AwsSdkCall = {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: {
          TableName: this.table.tableName,
          Item: {
            phoneNumber: { S: record.phoneNumber },
            firstName: { S: record.firstName },
            lastName: { S: record.lastName },
            lastCalledDate: { S: record.lastCalledDate },
          },
          // Never overwrite a record that real calls have since updated.
          ConditionExpression: 'attribute_not_exists(phoneNumber)',
        },
        physicalResourceId: cr.PhysicalResourceId.of(`sample-customer-${record.phoneNumber}`),
        ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
      };
      const loader = new cr.AwsCustomResource(this, `SampleRecord${i}`, {
        onCreate: put,
        onUpdate: put,
        installLatestAwsSdk: false,
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.table.tableArn] }),
        ]),
      });
      loader.node.addDependency(this.table);
      if (i === 0) acknowledgeLoaderFunction(loader);
    });
  }
}

/** Acknowledges the managed policy on the role of the loaders' SDK-call function (shared by all of them). */
function acknowledgeLoaderFunction(loader: cr.AwsCustomResource): void {
  const role = singletonRole(loader);
  if (!role) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'AWSLambdaBasicExecutionRole only lets the sample-data loader write its own CloudWatch logs; its DynamoDB access is a separate least-privilege statement.',
  });
}

/**
 * The role of the function `customResource` runs its SDK calls in: the `lambda.SingletonFunction`
 * it creates (one function per stack, shared by every `AwsCustomResource`), found by type and read
 * through its public `role`, so no CDK-internal construct id is named.
 */
function singletonRole(customResource: cr.AwsCustomResource): iam.IRole | undefined {
  const provider = customResource.node
    .findAll()
    .find((c): c is lambda.SingletonFunction => c instanceof lambda.SingletonFunction);
  return provider?.role;
}
