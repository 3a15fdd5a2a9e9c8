import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FlowBundle, parseFlowBundle } from '../deploy/flow-bundle';

/** Reads and validates the flow bundle asset the stack uploaded. */
export async function loadFlowBundle(s3: S3Client, bucket: string, key: string): Promise<FlowBundle> {
  const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await r.Body?.transformToString('utf8')) ?? '';
  return parseFlowBundle(text, `s3://${bucket}/${key}`);
}
