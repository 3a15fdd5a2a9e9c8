import { runPlatformApp } from '@amzconnect/env/cdk';
import { addContactFlowStacks } from '../lib';

runPlatformApp(addContactFlowStacks);
