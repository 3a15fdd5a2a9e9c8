import { EndpointRequest, EndpointResponse, LocalEndpoint } from './local-endpoint';

/** One stored version of an object. */
export interface EmulatedObjectVersion {
  readonly versionId: string;
  readonly body: string;
}

/**
 * A versioning-enabled S3 endpoint (path style) for the real `@aws-sdk/client-s3`: PutObject
 * returns a new `VersionId` every time, GetObject reads the latest or a given version. Enough for
 * the flow bucket (backups, run reports, the mapping); `s3rver` has no versioning.
 */
export class S3VersionedEmulator {
  /** Versions by `bucket/key`, oldest first. */
  public readonly objects = new Map<string, EmulatedObjectVersion[]>();
  /** Number of PutObject calls answered. */
  public puts = 0;
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));
  private nextVersion = 1;

  constructor(private readonly buckets: readonly string[]) {}

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  /** Every version of an object, oldest first. */
  public versions(bucket: string, key: string): readonly EmulatedObjectVersion[] {
    return this.objects.get(`${bucket}/${key}`) ?? [];
  }

  /** Latest body of an object. */
  public latest(bucket: string, key: string): string | undefined {
    return this.versions(bucket, key).at(-1)?.body;
  }

  private handle(req: EndpointRequest): EndpointResponse {
    const [, bucket, ...rest] = req.path.split('/');
    const key = rest.join('/');
    if (!this.buckets.includes(bucket)) return s3Error(404, 'NoSuchBucket', `No bucket ${bucket}`);
    const id = `${bucket}/${key}`;
    if (req.method === 'PUT') {
      const versionId = `v${String(this.nextVersion++).padStart(6, '0')}`;
      const list = this.objects.get(id) ?? [];
      list.push({ versionId, body: req.body });
      this.objects.set(id, list);
      this.puts++;
      return { status: 200, headers: { 'x-amz-version-id': versionId, etag: `"${versionId}"` } };
    }
    if (req.method === 'GET') {
      const list = this.objects.get(id) ?? [];
      const wanted = req.query.get('versionId');
      const v = wanted ? list.find((x) => x.versionId === wanted) : list.at(-1);
      if (!v)
        return wanted
          ? s3Error(404, 'NoSuchVersion', `No version ${wanted}`)
          : s3Error(404, 'NoSuchKey', `No key ${key}`);
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amz-version-id': v.versionId },
        body: v.body,
      };
    }
    return s3Error(405, 'MethodNotAllowed', `${req.method} is not emulated`);
  }
}

function s3Error(status: number, code: string, message: string): EndpointResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}
