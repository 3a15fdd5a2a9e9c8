import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { NotifyAction } from './decide-queue';

/** Sends one notice to the operations address. */
export type Notifier = (env: string, notice: NotifyAction) => Promise<void>;

/** SNS subjects must be under 100 characters (Publish, `Subject`, in @aws-sdk/client-sns's model). */
export const MAX_SUBJECT = 99;

/**
 * Publishes on the pipeline-results topic (the one the pipelines' own notifications use), with
 * the environment, commit and sub-project both in the text and as message attributes so that a
 * subscription can filter on them.
 */
export function createSnsNotifier(client: SNSClient, topicArn: string): Notifier {
  return async (env, notice) => {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: notice.subject.replace(/[\r\n]/g, ' ').slice(0, MAX_SUBJECT),
        Message: notice.message,
        MessageAttributes: {
          environment: attribute(env),
          subproject: attribute(notice.subproject),
          commit: attribute(notice.commit ?? 'none'),
          execution: attribute(notice.executionId),
        },
      }),
    );
  };
}
