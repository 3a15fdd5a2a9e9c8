import { EndpointRequest, EndpointResponse, LocalEndpoint } from './local-endpoint';

/** One stored version of an object. */
export interface EmulatedObjectVersion {
  readonly versionId: string;
  readonly body: string;
  /** Entity tag, quoted as S3 returns it. */
  readonly etag: string;
}

/**
 * A versioning-enabled S3 endpoint (path style) for the real `@aws-sdk/client-s3`: PutObject
 * returns a new `VersionId` every time, GetObject reads the latest or a given version, and
 * PutObject honours the conditional headers `If-None-Match: *` and `If-Match: <etag>` with
 * 412 `PreconditionFailed` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html;
 * `IfMatch`/`IfNoneMatch` of `PutObjectRequest` in the S3 SDK model), which the run lock relies
 * on. `s3rver` has neither versioning nor conditional writes.
 */
export class S3VersionedEmulator {
  /** Versions by `bucket/key`, oldest first. */
  public readonly objects = new Map<string, EmulatedObjectVersion[]>();
  /** Number of PutObject calls answered. */
  public puts = 0;
  /** Bytes of every PutObject body accepted. */
  public bytesPut = 0;
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

  /** Keys of a bucket starting with `prefix`, sorted. */
  public keys(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/${prefix}`))
      .map((k) => k.slice(bucket.length + 1))
      .sort();
  }

  private handle(req: EndpointRequest): EndpointResponse {
    const [, bucket, ...rest] = req.path.split('/');
    const key = rest.join('/');
    if (!this.buckets.includes(bucket)) return s3Error(404, 'NoSuchBucket', `No bucket ${bucket}`);
    const id = `${bucket}/${key}`;
    if (req.method === 'PUT') {
      const list = this.objects.get(id) ?? [];
      const current = list.at(-1);
      const ifNoneMatch = req.headers['if-none-match'];
      const ifMatch = req.headers['if-match'];
      if (ifNoneMatch === '*' && current)
        return s3Error(
          412,
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
        );
      if (ifMatch !== undefined && (!current || current.etag !== ifMatch))
        return current
          ? s3Error(
              412,
              'PreconditionFailed',
              'At least one of the pre-conditions you specified did not hold',
            )
          : s3Error(404, 'NoSuchKey', `No key ${key}`);
      const versionId = `v${String(this.nextVersion++).padStart(6, '0')}`;
      const etag = `"${versionId}"`;
      list.push({ versionId, body: req.body, etag });
      this.objects.set(id, list);
      this.puts++;
      this.bytesPut += Buffer.byteLength(req.body);
      return { status: 200, headers: { 'x-amz-version-id': versionId, etag } };
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
        headers: { 'content-type': 'application/json', 'x-amz-version-id': v.versionId, etag: v.etag },
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
