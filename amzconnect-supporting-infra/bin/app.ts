import { runPlatformApp } from '@amzconnect/env/cdk';
import { addSupportingInfraStacks } from '../lib';

runPlatformApp(addSupportingInfraStacks);
