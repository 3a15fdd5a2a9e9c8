import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** The mail bucket, as the functions use it. */
export interface MailStore {
  readonly bucket: string;
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer | string, contentType: string): Promise<void>;
}

/** The store on an S3 bucket (encrypted by the bucket's default encryption). */
export function s3MailStore(s3: S3Client, bucket: string): MailStore {
  return {
    bucket,
    async get(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key} has no body.`);
      return Buffer.from(await out.Body.transformToByteArray());
    },
    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
  };
}
