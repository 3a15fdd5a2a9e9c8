import { FEATURE_FLAGS } from './feature-flags';
import { WORKSPACES } from './subprojects';

/**
 * How the CDK CLI starts each app (the `app` of its `cdk.json`). `node --import tsx` rather than
 * `npx tsx`: npx sets `INIT_CWD` to its own folder, and the app resolves `-c config=DIR` against
 * `INIT_CWD` (the folder the user typed the command in, see `callerCwd`), so a second npx would
 * make `npm run synth -w amzconnect-lambdas -- -c config=mine` look for `amzconnect-lambdas/mine`.
 */
export const CDK_APP_COMMAND = 'node --import tsx bin/app.ts';

/** Folders of the CDK apps (each has `bin/app.ts` and a `cdk.json`): the tooling app and the sub-projects. */
export const CDK_APP_FOLDERS: readonly string[] = WORKSPACES.filter(
  (w) => w.kind === 'subproject' || w.kind === 'tooling',
).map((w) => w.folder);

/** The content of every app's `cdk.json`: how to run the app, and the platform's feature flags. */
export interface CdkAppJson {
  /** Command the CDK CLI runs to synthesize. */
  readonly app: string;
  /** Context the CLI passes to the app: exactly {@link FEATURE_FLAGS}. */
  readonly context: Readonly<Record<string, unknown>>;
}

/** The `cdk.json` every app carries (the same for all five). Pure. */
export function cdkAppJson(): CdkAppJson {
  return { app: CDK_APP_COMMAND, context: FEATURE_FLAGS };
}
