#!/usr/bin/env node
import { runPlatformApp } from '@amzconnect/env';
import { addToolingStackList } from '../lib';

runPlatformApp(addToolingStackList);
