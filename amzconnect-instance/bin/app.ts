import { runPlatformApp } from '@amzconnect/env/cdk';
import { addInstanceStacks } from '../lib';

runPlatformApp(addInstanceStacks);
