import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { FlushedFilesystemStore } from './support/flushed-filesystem-store';

describe('FlushedFilesystemStore (s3rver with read-after-write)', () => {
  it('has every byte of the object on disk, and its metadata, when putObject resolves, for a stream and for a buffer', async () => {
    // Prepare: 16 MB, large enough that s3rver 3.7.1's own store answers before the write lands
    // (64 MB: 6 of 6 puts were short on disk when it resolved; see the class's comment)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flushed-store-'));
    const store = new FlushedFilesystemStore(dir) as FlushedFilesystemStore & {
      putBucket(name: string): Promise<void>;
      getMetadata(bucket: string, key: string): Promise<Record<string, string>>;
    };
    const content = Buffer.alloc(16 * 1024 * 1024, 7);
    const half = content.length / 2;
    try {
      await store.putBucket('b');

      // Act
      const streamed = await store.putObject({
        bucket: 'b',
        key: 'streamed',
        content: Readable.from([content.subarray(0, half), content.subarray(half)]),
        metadata: { 'content-type': 'message/rfc822' },
      });
      const onDiskStreamed = fs.readFileSync(store.getResourcePath('b', 'streamed', 'object'));
      const buffered = await store.putObject({ bucket: 'b', key: 'buffered', content, metadata: {} });
      const onDiskBuffered = fs.readFileSync(store.getResourcePath('b', 'buffered', 'object'));

      // Assess
      expect(onDiskStreamed.equals(content)).toBe(true);
      expect(onDiskBuffered.equals(content)).toBe(true);
      expect(streamed).toEqual(buffered);
      expect(streamed.size).toBe(content.length);
      expect(await store.getMetadata('b', 'streamed')).toMatchObject({
        'content-type': 'message/rfc822',
        'content-length': content.length,
        etag: JSON.stringify(streamed.md5),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
