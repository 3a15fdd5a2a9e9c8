import { runPlatformApp } from '@amzconnect/env';
import { addContactFlowStacks } from '../lib';

runPlatformApp(addContactFlowStacks);
