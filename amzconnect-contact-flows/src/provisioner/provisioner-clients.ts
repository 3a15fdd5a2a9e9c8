import { DeployClients, createDeployClients } from '../deploy/deploy-clients';
import { TokenBucket } from '../deploy/token-bucket';

/**
 * Clients of the provisioner, created once per execution environment. Every Connect call of the
 * function goes through one token bucket; `CONNECT_RATE_PER_SECOND` and `CONNECT_BURST` override
 * Connect's default quota (2/s, burst 5) for accounts with a raised quota.
 */
export function createProvisionerClients(env: NodeJS.ProcessEnv = process.env): DeployClients {
  const rate = Number(env.CONNECT_RATE_PER_SECOND ?? '2');
  const burst = Number(env.CONNECT_BURST ?? '5');
  return createDeployClients({
    region: env.AWS_REGION ?? 'us-east-1',
    bucket: new TokenBucket({ ratePerSecond: rate > 0 ? rate : 2, burst: burst >= 1 ? burst : 5 }),
  });
}
