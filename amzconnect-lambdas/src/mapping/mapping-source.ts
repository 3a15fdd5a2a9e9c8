import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MappingLocation } from './config';

/** Fetches the text of the mapping document. */
export type FetchMappingText = (location: MappingLocation) => Promise<string>;

/** Reads the document: exactly the pinned version (`GetObject` with `VersionId`), else the latest. */
export function s3MappingSource(s3: S3Client): FetchMappingText {
  return async ({ bucket, key, versionId }) => {
    const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    if (!result.Body) throw new Error(`s3://${bucket}/${key} has no body.`);
    return result.Body.transformToString('utf-8');
  };
}
