import * as fs from 'fs';
import * as path from 'path';
import { loadPlatformConfig } from '@amzconnect/env';
import { REPO_ROOT } from '@amzconnect/env';
import type { PlatformConfig } from '@amzconnect/env';
import { routingTableFromConfig } from '../../../src/router/routing-table';

/** The sample configuration in `env/` (develop, staging, prod on `main`; tooling branch `main`). */
export const sampleConfig: PlatformConfig = loadPlatformConfig(path.join(REPO_ROOT, 'env'));
export const sampleTable = routingTableFromConfig(sampleConfig);

/** A copy of the sample configuration with another tooling branch. */
export function withToolingBranch(branch: string): PlatformConfig {
  return { ...sampleConfig, tooling: { ...sampleConfig.tooling, branch } };
}

/** Reads a fixture from `test/router/fixtures/github/`. */
export function githubFixture(name: string): Record<string, unknown> {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'github', name), 'utf8'),
  ) as Record<string, unknown>;
}

/** Raw text of a fixture (what GitHub would send and sign). */
export function githubFixtureText(name: string): string {
  return JSON.stringify(githubFixture(name));
}
