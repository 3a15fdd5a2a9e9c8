/** An HTTP request as the router sees it, whatever carried it (API Gateway or the local server). */
export interface WebhookRequest {
  /** Header values by name, names in any case; repeated headers joined or listed. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body bytes exactly as GitHub signed them (base64 already decoded). */
  readonly body: Buffer;
}

/** The router's answer. The body is always a JSON object. */
export interface WebhookResponse {
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
}

/** Reads a header case-insensitively; a repeated header yields its first value. */
export function headerValue(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}
