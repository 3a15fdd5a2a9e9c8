import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link NotificationTopics}. */
export interface NotificationTopicsProps {
  /** Key that encrypts both topics. */
  readonly encryptionKey: kms.IKey;
  /** Address subscribed to both topics (`email` in `devops.json`). */
  readonly email: string;
}

/**
 * Two encrypted SNS topics subscribed to the operations address: one for pipeline execution
 * results, one for approval requests (so release managers can filter them).
 */
export class NotificationTopics extends Construct {
  /** Failed and succeeded pipeline executions. */
  public readonly pipelineEvents: sns.Topic;
  /** Manual approval requests. */
  public readonly approvals: sns.Topic;

  constructor(scope: Construct, id: string, props: NotificationTopicsProps) {
    super(scope, id);
    const topic = (topicId: string, displayName: string) => {
      const t = new sns.Topic(this, topicId, {
        displayName,
        masterKey: props.encryptionKey,
        enforceSSL: true,
      });
      t.addSubscription(new subscriptions.EmailSubscription(props.email));
      return t;
    };
    this.pipelineEvents = topic('PipelineEvents', 'Amazon Connect CI/CD pipeline results');
    this.approvals = topic('Approvals', 'Amazon Connect CI/CD approval requests');
  }
}
