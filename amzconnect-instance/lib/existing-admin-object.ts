import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * How to find one kind of admin object by name with Amazon Connect's search APIs (API reference:
 * SearchQueues, SearchHoursOfOperations, SearchRoutingProfiles, SearchQuickConnects; each takes
 * `SearchCriteria.StringCondition { FieldName: "name", Value, ComparisonType: "EXACT" }` and
 * returns a list whose items carry the ARN under the field named here, as in the SDK model
 * `@aws-sdk/client-connect` `models_1.d.ts`: note `QuickConnectARN`).
 */
export const ADMIN_OBJECT_SEARCH = {
  hoursOfOperation: {
    action: 'SearchHoursOfOperations',
    list: 'HoursOfOperations',
    arn: 'HoursOfOperationArn',
  },
  queues: { action: 'SearchQueues', list: 'Queues', arn: 'QueueArn' },
  routingProfiles: { action: 'SearchRoutingProfiles', list: 'RoutingProfiles', arn: 'RoutingProfileArn' },
  quickConnects: { action: 'SearchQuickConnects', list: 'QuickConnects', arn: 'QuickConnectARN' },
} as const;

/** Kind of admin object a lookup searches for. */
export type AdminObjectKind = keyof typeof ADMIN_OBJECT_SEARCH;

/** Properties of {@link ExistingAdminObject}. */
export interface ExistingAdminObjectProps {
  /** ARN of the existing instance (the only resource the search actions need). */
  readonly instanceArn: string;
  /** Id of the existing instance. */
  readonly instanceId: string;
  /** Kind of object. */
  readonly kind: AdminObjectKind;
  /** Exact name of the object in the instance. */
  readonly name: string;
}

/**
 * An admin object that already exists in an adopted instance, found by its exact name at
 * deployment with a read-only search call. The stack never creates, changes or deletes it: the
 * lookup has no `onDelete`, and its role may call only the search action on that instance. When
 * no object has that name, the lookup fails and so does the deployment, before anything that
 * depends on it is created.
 */
export class ExistingAdminObject extends Construct {
  /** ARN of the object, resolved at deployment. */
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: ExistingAdminObjectProps) {
    super(scope, id);
    const search = ADMIN_OBJECT_SEARCH[props.kind];
    const arnPath = `${search.list}.0.${search.arn}`;
    const call: cr.AwsSdkCall = {
      service: 'Connect',
      action: search.action,
      parameters: {
        InstanceId: props.instanceId,
        MaxResults: 1,
        SearchCriteria: {
          StringCondition: { FieldName: 'name', Value: props.name, ComparisonType: 'EXACT' },
        },
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse(arnPath),
      outputPaths: [arnPath],
    };
    const lookup = new cr.AwsCustomResource(this, 'Lookup', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // Service Authorization Reference: the Search* actions of Connect take the instance as resource.
        new iam.PolicyStatement({ actions: [`connect:${search.action}`], resources: [props.instanceArn] }),
      ]),
    });
    this.arn = lookup.getResponseField(arnPath);
    acknowledgeLookupFunction(lookup);
  }
}

/** Acknowledges the managed policy on the role of the lookup's SDK-call function. */
function acknowledgeLookupFunction(lookup: cr.AwsCustomResource): void {
  const role = singletonRole(lookup);
  if (!role) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'AWSLambdaBasicExecutionRole only lets the admin-object lookup write its own CloudWatch logs; its Connect access is a separate statement per lookup, one search action on the adopted instance.',
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
