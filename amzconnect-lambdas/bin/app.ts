#!/usr/bin/env node
import { runPlatformApp } from '@amzconnect/env';
import { addLambdaStacks } from '../lib';

runPlatformApp(addLambdaStacks);
