import { runPlatformApp } from '@amzconnect/env';
import { addInstanceStacks } from '../lib';

runPlatformApp(addInstanceStacks);
