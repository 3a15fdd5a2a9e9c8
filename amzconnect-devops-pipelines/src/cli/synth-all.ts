#!/usr/bin/env node
/**
 * `npm run synth [-- --config DIR] [--out DIR]`: validates the configuration once, synthesizes
 * all five CDK apps for every enabled environment and Region, and prints what the tooling account
 * will host. Exits 1 with a readable message on invalid configuration or on any cdk-nag or
 * template-validation finding; never with a stack trace for those.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Errors } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import {
  collectConfigProblems,
  ConfigError,
  ConfigProblem,
  formatProblem,
  enabledEnvironments,
  isStrictRun,
  loadPlatformConfig,
  PlatformConfig,
  pipelineName,
  REPO_ROOT,
  selfUpdatePipelineName,
  SUBPROJECT_IDS,
  SUBPROJECTS,
  SubprojectId,
  takeConfigArg,
  workspaceById,
} from '@amzconnect/env';
import { AddStacks, createPlatformApp } from '@amzconnect/env/cdk';
import { addContactFlowStacks } from '@amzconnect/contact-flows/cdk';
import { addInstanceStacks } from '@amzconnect/instance';
import { addLambdaStacks } from '@amzconnect/lambdas';
import { addSupportingInfraStacks } from '@amzconnect/supporting-infra';
import { addToolingStackList } from '../../lib';
import { renderTable } from './render-table';
import { SYNTH_USAGE } from './synth-usage';

/** Each app's entry, by workspace id: the compiler insists on one for every sub-project. */
const ADD_STACKS: Readonly<Record<SubprojectId | 'devops-pipelines', AddStacks>> = {
  'devops-pipelines': addToolingStackList,
  instance: addInstanceStacks,
  'supporting-infra': addSupportingInfraStacks,
  lambdas: addLambdaStacks,
  'contact-flows': addContactFlowStacks,
};

/** The apps from the workspace graph: the tooling app, then the sub-projects in release order. */
export const APPS: readonly { readonly folder: string; readonly load: () => AddStacks }[] = [
  workspaceById('devops-pipelines'),
  ...SUBPROJECTS,
].map((w) => ({ folder: w.folder, load: () => ADD_STACKS[w.id as keyof typeof ADD_STACKS] }));

/** Result of synthesizing one app. */
export interface AppSynthResult {
  readonly folder: string;
  readonly stacks: number;
  readonly outdir: string;
  readonly findings: readonly string[];
}

/** One app with its stacks added, not synthesized yet. */
export interface BuiltApp {
  readonly folder: string;
  readonly app: App;
  readonly stacks: number;
  readonly outdir: string;
}

/**
 * Adds the stacks of every app (which validates every sub-project's configuration) before any is
 * synthesized, so that configuration problems of all sub-projects are reported together and
 * nothing is written when there is one.
 * @param guard run cfn-guard (the Control Tower rules) at synthesis; tests that are not about
 *   validation switch it off to stay fast
 * @throws ConfigError with the problems of every app, duplicates removed, in app order
 */
export function buildApps(
  apps: readonly { readonly folder: string; readonly load: () => AddStacks }[],
  config: PlatformConfig,
  outRoot: string,
  skipBundling = false,
  guard = true,
): BuiltApp[] {
  const problems: ConfigProblem[] = [];
  const built: BuiltApp[] = [];
  // Constructing an App creates its outdir (CloudAssemblyBuilder); remember which we create.
  const created = [outRoot, ...apps.map((a) => path.join(outRoot, a.folder))].filter(
    (d) => !fs.existsSync(d),
  );
  for (const { folder, load } of apps) {
    const outdir = path.join(outRoot, folder);
    const app = createPlatformApp({ outdir, skipBundling, guard });
    const stacks = collectConfigProblems(() => load()(app, config).length, problems);
    if (stacks !== undefined) built.push({ folder, app, stacks, outdir });
  }
  if (problems.length > 0) {
    for (const dir of created.reverse()) {
      if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    }
    const seen = new Set<string>();
    throw new ConfigError(
      problems.filter((p) => {
        const key = formatProblem(p);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    );
  }
  return built;
}

/**
 * Validates every app's configuration without writing anything where the user looks: the stacks
 * are added with bundling skipped (bundling writes assets while constructing) into a temporary
 * folder, which is removed.
 * @throws ConfigError with the problems of every app
 */
export function validateApps(
  apps: readonly { readonly folder: string; readonly load: () => AddStacks }[],
  config: PlatformConfig,
): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'amzconnect-validate-'));
  try {
    buildApps(apps, config, scratch, true);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Synthesizes one app into `outdir`; findings are returned, not thrown. */
export function synthApp(
  folder: string,
  addStacks: AddStacks,
  config: PlatformConfig,
  outdir: string,
  skipBundling = false,
): AppSynthResult {
  const app = createPlatformApp({ outdir, skipBundling });
  const stacks = addStacks(app, config).length;
  return synthBuiltApp({ folder, app, stacks, outdir });
}

/** Synthesizes an app built by {@link buildApps} into its (emptied) `outdir`; findings are returned, not thrown. */
export function synthBuiltApp({ folder, app, stacks, outdir }: BuiltApp): AppSynthResult {
  // Empty (not remove) the folder: the App holds it since construction.
  for (const entry of fs.existsSync(outdir) ? fs.readdirSync(outdir) : []) {
    fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
  }
  const origError = console.error;
  try {
    console.error = () => undefined; // the CDK prints the validation report; we print our own summary
    app.synth();
  } catch (err) {
    // Policy-validation failures (cdk-nag, template rules) are ValidationErrors and leave the report
    // behind (aws-cdk-lib core `Errors.isValidationError`); anything else is a bug and propagates.
    if (!(Errors.isValidationError(err) && fs.existsSync(path.join(outdir, 'validation-report.json'))))
      throw err;
  } finally {
    console.error = origError;
  }
  return { folder, stacks, outdir, findings: readFindings(outdir) };
}

function readFindings(outdir: string): string[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: {
        ruleName: string;
        description: string;
        violatingConstructs: { constructPath: string }[];
      }[];
    }[];
  };
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}: ${v.description}`),
    ),
  );
}

/** The table of environments the tooling account serves. */
export function environmentTable(config: PlatformConfig): string {
  const rows = enabledEnvironments(config).map((e) => [
    e.name,
    e.branch,
    e.account,
    e.regions.join(', '),
    SUBPROJECT_IDS.map((s) => pipelineName(config.tooling.platformPrefix, s, e.branch)).join(', '),
    e.approval ? 'yes' : 'no',
  ]);
  const disabled = config.environments.filter((e) => !e.enabled).map((e) => e.name);
  return [
    renderTable(['env', 'branch', 'account', 'regions', 'pipelines', 'approval'], rows),
    `self-update: ${selfUpdatePipelineName(config.tooling.platformPrefix)} (branch ${config.tooling.branch}, tooling account ${config.tooling.account} ${config.tooling.region})`,
    ...(disabled.length ? [`disabled (no pipelines): ${disabled.join(', ')}`] : []),
  ].join('\n');
}

export function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SYNTH_USAGE);
    return 0;
  }
  let configDir: string;
  let rest: string[];
  try {
    ({ configDir, rest } = takeConfigArg(argv));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const outIndex = rest.indexOf('--out');
  const outRoot =
    outIndex >= 0 && rest[outIndex + 1] ? path.resolve(rest[outIndex + 1]) : path.join(REPO_ROOT, 'cdk.out');
  const unknown = rest.filter((a, i) => a !== '--out' && rest[i - 1] !== '--out');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown[0]}.\n${SYNTH_USAGE}`);
    return 2;
  }

  let config: PlatformConfig;
  let built: BuiltApp[];
  try {
    config = loadPlatformConfig(configDir, { strict: isStrictRun(process.env, undefined) });
    validateApps(APPS, config);
    built = buildApps(APPS, config, outRoot);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  for (const notice of config.notices) console.log(`note: ${notice}`);
  for (const w of config.warnings ?? []) console.error(`warning: ${formatProblem(w)}`);

  let failed = false;
  for (const app of built) {
    const result = synthBuiltApp(app);
    const { folder } = result;
    const rel = path.relative(process.cwd(), result.outdir) || '.';
    if (result.findings.length > 0) {
      failed = true;
      console.error(
        `✗ ${folder}: ${result.findings.length} unacknowledged finding(s) (report: ${rel}/validation-report.json)`,
      );
      for (const f of result.findings) console.error(`    ${f}`);
    } else {
      console.log(`✓ ${folder}: ${result.stacks} stack(s) → ${rel}`);
    }
  }
  console.log('');
  console.log(environmentTable(config));
  if (failed) {
    console.error(
      '\nSynthesis failed: fix the findings above, or acknowledge one with a reason true for that resource.',
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
