#!/usr/bin/env node
import { runPlatformApp } from '@amzconnect/env/cdk';
import { addLambdaStacks } from '../lib';

runPlatformApp(addLambdaStacks);
