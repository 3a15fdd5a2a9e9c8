import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';

/** What s3rver hands its store's `putObject` (lib/models/object.js of s3rver 3.7). */
interface S3rverObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | Readable;
  readonly metadata: Record<string, string>;
}

/** The part of s3rver's FilesystemStore this module uses (s3rver ships no types). */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const FilesystemStore = require('s3rver/lib/stores/filesystem') as new (directory: string) => FilesystemStore;

/**
 * s3rver's file store, with a `putObject` that answers only once the object is on disk.
 *
 * s3rver 3.7.1's own `putObject` (lib/stores/filesystem.js) resolves when its MD5 transform has
 * seen the last byte (or, for a Buffer, right after `writeStream.end(...)`), not when the piped
 * file write stream has finished; the metadata is then written and the PUT answered. Its
 * `getObject` takes the length from the object file's size, so a GET that arrives before the
 * write lands answers an empty or short object. Amazon S3 gives read-after-write consistency for
 * every PUT (S3 User Guide, "Amazon S3 data consistency model"), and the email tests read each
 * mail right after storing it: on a loaded machine the gateway read an empty mail and quarantined
 * it. This store writes the whole object, then its metadata, as S3 would have it. Its test fails
 * with s3rver's own store (16 MB: short on disk when `putObject` resolved, 3 runs of 3).
 */
export class FlushedFilesystemStore extends FilesystemStore {
  async putObject(object: S3rverObject): Promise<{ size: number; md5: string }> {
    const content = Buffer.isBuffer(object.content) ? object.content : await readAll(object.content);
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
    await fs.promises.writeFile(objectPath, content);
    const md5 = createHash('md5').update(content).digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size: content.length, md5 };
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
