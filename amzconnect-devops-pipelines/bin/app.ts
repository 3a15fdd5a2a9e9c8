#!/usr/bin/env node
import { runPlatformApp } from '@amzconnect/env/cdk';
import { addToolingStackList } from '../lib';

runPlatformApp(addToolingStackList);
