import type { App, Stack } from 'aws-cdk-lib';
import { ConfigError, formatProblem, UnknownEnvironmentError } from '../config-error';
import { callerCwd, DEFAULT_CONFIG_DIR, REPO_ROOT } from '../cli-args';
import { loadPlatformConfig } from '../load-platform-config';
import { createPlatformApp } from './platform-app';
import { PlatformConfig } from '../platform-config';
import { isStrictRun } from '../strict-run';
import * as path from 'path';

/** Options every sub-project's `addStacks` accepts. */
export interface AddStacksOptions {
  /** Restrict synthesis to these environments (by name). @default every enabled environment */
  readonly environments?: readonly string[];
}

/** Adds a sub-project's stacks (one per enabled environment and Region) to an app. */
export type AddStacks = (app: App, config: PlatformConfig, options?: AddStacksOptions) => Stack[];

/**
 * Entry point shared by every CDK app's `bin/`: reads the context the CLI passes
 * (`-c config=DIR`, `-c env=NAME[,NAME]`, `-c strict=true`), validates the configuration once,
 * adds the stacks and synthesizes. Configuration problems are printed without a stack trace and
 * exit with code 1; placeholders are printed as warnings, or refused in a strict run (see
 * {@link isStrictRun}).
 */
export function runPlatformApp(addStacks: AddStacks): void {
  const app = createPlatformApp();
  const configContext = app.node.tryGetContext('config') as string | undefined;
  const envContext = app.node.tryGetContext('env') as string | undefined;
  const configDir = configContext
    ? path.resolve(callerCwd(), configContext)
    : path.join(REPO_ROOT, DEFAULT_CONFIG_DIR);
  try {
    // The entry point is the one place that reads the process environment (CodeBuild sets CODEBUILD_BUILD_ID).
    const strict = isStrictRun(process.env, app.node.tryGetContext('strict'));
    const config = loadPlatformConfig(configDir, { strict });
    for (const w of config.warnings ?? []) process.stderr.write(`warning: ${formatProblem(w)}\n`);
    const environments = envContext
      ? envContext
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
    addStacks(app, config, { environments });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UnknownEnvironmentError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  app.synth();
}
