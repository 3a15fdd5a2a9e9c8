import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { createPlatformApp } from '@amzconnect/env';
import { ConnectFunction } from './lib';
const app = createPlatformApp({ outdir: '/tmp/lambdas-scratch-bundle' });
const stack = new Stack(app, 'Bundle', { env: { account: '111111111111', region: 'us-east-1' } });
for (const n of ['customer-lookup', 'mapping', 'flow-provisioner']) new ConnectFunction(stack, n.replace(/-/g, ''), { entry: path.join(__dirname, 'src', n, 'handler.ts'), description: 'x', serviceName: n });
app.synth();
