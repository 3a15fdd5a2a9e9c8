import * as http from 'http';
import { AddressInfo } from 'net';

/** A request the local S3 endpoint received. */
export interface S3Request {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
}

/**
 * A small local endpoint speaking S3's REST-XML `GetObject` with versions (path-style), enough
 * for the mapping function: objects are put from the test with {@link VersionedS3.put}, every
 * request is recorded, and unknown keys or versions answer S3's own error documents.
 * (s3rver 3.7 has no versioning, which the mapping function depends on.)
 */
export interface VersionedS3 {
  readonly endpoint: string;
  /** Stores a new version of `bucket/key` and returns its version id. */
  put(bucket: string, key: string, body: string): string;
  readonly requests: S3Request[];
  close(): Promise<void>;
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

export async function startVersionedS3(): Promise<VersionedS3> {
  const objects = new Map<string, { versionId: string; body: string }[]>();
  const requests: S3Request[] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const versionId = url.searchParams.get('versionId');
    requests.push({ method: req.method ?? '', bucket, key, versionId });
    req.resume();
    const send = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    if (req.method !== 'GET')
      return send(405, errorXml('MethodNotAllowed', 'Only GET is implemented.'), {
        'content-type': 'application/xml',
      });
    const versions = objects.get(`${bucket}/${key}`);
    if (!versions)
      return send(404, errorXml('NoSuchKey', 'The specified key does not exist.'), {
        'content-type': 'application/xml',
      });
    const found = versionId ? versions.find((v) => v.versionId === versionId) : versions[versions.length - 1];
    if (!found)
      return send(404, errorXml('NoSuchVersion', 'The specified version does not exist.'), {
        'content-type': 'application/xml',
      });
    return send(200, found.body, {
      'content-type': 'application/json',
      'x-amz-version-id': found.versionId,
      etag: `"${found.versionId}"`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    put: (bucket, key, body) => {
      const versionId = `v${next++}-${Math.random().toString(36).slice(2, 10)}`;
      const list = objects.get(`${bucket}/${key}`) ?? [];
      list.push({ versionId, body });
      objects.set(`${bucket}/${key}`, list);
      return versionId;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
