import * as http from 'http';
import * as https from 'https';

/** The body CloudFormation expects at the pre-signed response URL. */
export interface CloudFormationResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** CloudFormation rejects responses over 4096 bytes; reasons are cut to fit. */
const MAX_RESPONSE_BYTES = 4096;

/** Serializes a response, shortening `Reason` so that the whole body fits in 4096 bytes. */
export function serializeResponse(response: CloudFormationResponse): string {
  let body = JSON.stringify(response);
  if (Buffer.byteLength(body) <= MAX_RESPONSE_BYTES || !response.Reason) return body;
  const overflow = Buffer.byteLength(body) - MAX_RESPONSE_BYTES + 40;
  const reason = `${response.Reason.slice(0, Math.max(0, response.Reason.length - overflow))} ... (see the run report)`;
  body = JSON.stringify({ ...response, Reason: reason });
  return body;
}

/** PUTs the response to CloudFormation's pre-signed S3 URL. */
export function sendResponse(responseUrl: string, response: CloudFormationResponse): Promise<void> {
  const body = serializeResponse(response);
  const url = new URL(responseUrl);
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'http:' ? http : https).request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`CloudFormation response rejected: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
