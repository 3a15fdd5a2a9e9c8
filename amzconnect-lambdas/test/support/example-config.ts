import * as path from 'path';
import { loadPlatformConfig, PlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { LoadedWorkloads, loadWorkloads } from '../../lib/workloads/manifest';

/** The documented configuration that turns every workload on in develop (clearly fake values). */
export const EXAMPLE_CONFIG_DIR = path.join(REPO_ROOT, 'examples', 'all-workloads');

/** The platform of {@link EXAMPLE_CONFIG_DIR}. */
export function examplePlatform(): PlatformConfig {
  return loadPlatformConfig(EXAMPLE_CONFIG_DIR);
}

/** Its workloads, validated as a local synth does (placeholders are warnings). */
export function exampleWorkloads(platform: PlatformConfig = examplePlatform()): LoadedWorkloads {
  return loadWorkloads(platform);
}
