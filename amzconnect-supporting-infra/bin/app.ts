import { runPlatformApp } from '@amzconnect/env';
import { addSupportingInfraStacks } from '../lib';

runPlatformApp(addSupportingInfraStacks);
