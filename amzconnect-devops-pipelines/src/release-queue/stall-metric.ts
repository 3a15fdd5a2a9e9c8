/** CloudWatch namespace of the queue's own metrics. */
export const RELEASE_QUEUE_NAMESPACE = 'AmazonConnectCICD/ReleaseQueue';
/** Seconds an environment's release has waited without moving (0 when nothing is pending). */
export const STALLED_METRIC = 'ReleaseStalledSeconds';

/**
 * One log line in CloudWatch embedded metric format: Lambda's log group turns it into the metric
 * `ReleaseStalledSeconds` (dimension `Environment`) without a PutMetricData call or permission
 * (CloudWatch User Guide, "Specification: Embedded metric format": `_aws.CloudWatchMetrics` with
 * `Namespace`, `Dimensions`, `Metrics`, and the values as top-level members).
 */
export function stalledMetricLine(env: string, stalledMs: number, timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: RELEASE_QUEUE_NAMESPACE,
          Dimensions: [[]],
          Metrics: [{ Name: STALLED_METRIC, Unit: 'Seconds' }],
        },
      ],
    },
    Environment: env,
    [STALLED_METRIC]: Math.round(stalledMs / 1000),
  });
}
