import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { WebhookRequest, WebhookResponse } from './webhook-request';

/** API Gateway (REST, proxy integration) event → router request; base64 bodies are decoded. */
export function fromApiGatewayEvent(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>,
): WebhookRequest {
  const raw = event.body ?? '';
  return {
    headers: event.headers ?? {},
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
  };
}

/** Router response → API Gateway proxy result (JSON body). */
export function toApiGatewayResult(response: WebhookResponse): APIGatewayProxyResult {
  return {
    statusCode: response.statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(response.body),
  };
}
