/** An HTTP request as the Facebook handlers see it (from an API Gateway HTTP API event, payload 2.0). */
export interface HttpRequest {
  readonly method: string;
  /** Header values by lowercase name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The raw body bytes exactly as sent (base64 already decoded). */
  readonly body: Buffer;
}

/** The answer; API Gateway turns it into the HTTP response. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a Lambda event comes from an API Gateway HTTP API (payload format 2.0). */
export function isHttpApiEvent(event: unknown): boolean {
  return isRecord(event) && isRecord(event.requestContext) && isRecord(event.requestContext.http);
}

/** HTTP API event → request; header names lowercased, a base64 body decoded. */
export function fromHttpApiEvent(event: unknown): HttpRequest {
  const e = isRecord(event) ? event : {};
  const http = isRecord(e.requestContext) && isRecord(e.requestContext.http) ? e.requestContext.http : {};
  const strings = (v: unknown, lower: boolean) =>
    Object.fromEntries(
      Object.entries(isRecord(v) ? v : {})
        .filter((kv): kv is [string, string] => typeof kv[1] === 'string')
        .map(([k, val]) => [lower ? k.toLowerCase() : k, val]),
    );
  const raw = typeof e.body === 'string' ? e.body : '';
  return {
    method: typeof http.method === 'string' ? http.method : '',
    headers: strings(e.headers, true),
    query: strings(e.queryStringParameters, false),
    body: e.isBase64Encoded === true ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
  };
}

/** A JSON answer. */
export function jsonResponse(statusCode: number, body: Record<string, unknown>): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A plain-text answer. */
export function textResponse(statusCode: number, body: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}
