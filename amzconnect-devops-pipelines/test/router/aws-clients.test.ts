import * as http from 'http';
import type { AddressInfo } from 'net';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  AWS_CONNECTION_TIMEOUT_MS,
  AWS_MAX_ATTEMPTS,
  AWS_REQUEST_TIMEOUT_MS,
  clientSettings,
  createSecretsManagerClient,
} from '../../src/router/aws-clients';
import { FAKE_AWS } from './support/fake-aws-json-service';

describe('AWS clients of the router and the release queue', () => {
  it("bound every attempt well under GitHub's 10 s: attempts × (connect + answer) < 10 s", () => {
    const settings = clientSettings();
    expect(settings.requestHandler).toEqual({
      connectionTimeout: AWS_CONNECTION_TIMEOUT_MS,
      requestTimeout: AWS_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    expect(AWS_MAX_ATTEMPTS * (AWS_CONNECTION_TIMEOUT_MS + AWS_REQUEST_TIMEOUT_MS)).toBeLessThan(10_000);
  });

  it('give up on an endpoint that accepts the connection but never answers', async () => {
    const hung = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const client = createSecretsManagerClient({
      ...FAKE_AWS,
      endpoint: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
      maxAttempts: 1,
      requestTimeoutMs: 200,
    });
    const started = Date.now();
    try {
      await expect(client.send(new GetSecretValueCommand({ SecretId: 's' }))).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.destroy();
      hung.closeAllConnections();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });
});
