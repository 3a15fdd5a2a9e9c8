/** One object an S3 notification announces. */
export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

/**
 * The objects of an S3 `ObjectCreated` notification, keys URL-decoded (`+` is a space). Records
 * that are not S3 records are ignored. Pure.
 */
export function parseS3Event(event: unknown): S3ObjectRef[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [];
  const out: S3ObjectRef[] = [];
  for (const r of records) {
    const s3 = (r as { s3?: { bucket?: { name?: unknown }; object?: { key?: unknown } } })?.s3;
    const bucket = s3?.bucket?.name;
    const key = s3?.object?.key;
    if (typeof bucket === 'string' && typeof key === 'string')
      out.push({ bucket, key: decodeURIComponent(key.replace(/\+/g, ' ')) });
  }
  return out;
}

/** The last path segment of a key, safe as a folder name (SES uses the message id). Pure. */
export function mailIdOf(key: string): string {
  const last =
    key
      .split('/')
      .filter((s) => s !== '')
      .pop() ?? 'mail';
  const safe = last.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128);
  return /^\.+$/.test(safe) ? 'mail' : safe;
}
