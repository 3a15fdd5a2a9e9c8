import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createPlatformApp, type AddStacks, type PlatformConfig } from '@amzconnect/env';
import { synthFindings, type ValidationFinding } from './nag-findings';

/** One stack of a {@link SynthesizedApp}, read back from the cloud assembly. */
export interface SynthesizedStack {
  /** The deployed stack name, e.g. `acme-instance-develop-us-east-1`. */
  readonly stackName: string;
  /** The stack's construct id (its cloud-assembly artifact id). */
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly terminationProtection: boolean;
  /** The role the CLI assumes to deploy the stack (from the stack synthesizer). @default none */
  readonly assumeRoleArn?: string;
  /** The role CloudFormation deploys the stack with. @default none */
  readonly cloudFormationExecutionRoleArn?: string;
  /** The template as parsed JSON. */
  readonly json: Readonly<Record<string, unknown>>;
  /** The template, for `aws-cdk-lib/assertions` matchers (made on first use: it checks for cycles). */
  readonly template: Template;
}

/** An app synthesized once per jest run and shared by every test file that reads it. */
export interface SynthesizedApp {
  /** Top-level stacks in the order the app added them. */
  readonly stacks: readonly SynthesizedStack[];
  /** Unacknowledged cdk-nag and template-validation findings ([] when the app is clean). */
  readonly findings: readonly ValidationFinding[];
  /** The stack named `stackName`; throws when there is none. */
  stack(stackName: string): SynthesizedStack;
}

/** Environment variable naming the jest run's temporary folder (set by `jest.global-setup.js`). */
const RUN_TMPDIR_VARIABLE = 'AMZCONNECT_JEST_TMPDIR';
/** Written last into a cache entry: its presence means the entry is complete. */
const COMPLETE_FILE = 'complete.json';
/** How long a worker waits between looks at another worker's synthesis. */
const POLL_MS = 100;

/**
 * Synthesizes the stacks `addStacks` adds for `config` (bundling skipped, cdk-nag on, as
 * `createPlatformApp` sets it up; cfn-guard off: the Control Tower rules run once per
 * configuration, over every app, in `amzconnect-devops-pipelines/test/control-tower-guard.test.ts`) once per jest run, and hands every caller the same result read
 * back from the cloud assembly: the stacks' templates and the validation findings.
 *
 * Test files that only READ the templates of a configuration share one synthesis this way, even
 * across jest workers: the assembly is written under the run's temporary folder, keyed by `name`
 * and the configuration's content; a lock folder makes a second worker wait for the first one
 * instead of synthesizing the same app again. Tests that construct stacks with special props, or
 * that need the construct tree, keep their own `createPlatformApp`.
 *
 * Outside a jest run (no run folder) the app is synthesized into a temporary folder that is
 * removed before this returns.
 * @param name what `addStacks` builds, e.g. the app's folder `amzconnect-instance`; callers that
 *   pass the same name and configuration must pass the same `addStacks`
 */
export function synthesizedApp(name: string, config: PlatformConfig, addStacks: AddStacks): SynthesizedApp {
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (!runDir) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'synthesized-app-'));
    try {
      return readAssembly(synthesizeInto(scratch, config, addStacks));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  const key = createHash('sha256').update(JSON.stringify(config)).digest('hex');
  const entry = path.join(runDir, 'synthesized-apps', `${name.replace(/[^\w.-]/g, '_')}-${key.slice(0, 16)}`);
  return readAssembly(cachedSynthesis(entry, () => synthesizeInto(entry, config, addStacks)));
}

/** Synthesizes into `outdir` and records the findings next to the assembly. */
function synthesizeInto(outdir: string, config: PlatformConfig, addStacks: AddStacks): string {
  const app = createPlatformApp({ outdir, skipBundling: true, guard: false });
  // The assembly lists stacks in its own order; remember the one the app added them in.
  const order = addStacks(app, config).map((s) => s.artifactId);
  const findings = synthFindings(app);
  fs.writeFileSync(path.join(outdir, COMPLETE_FILE), JSON.stringify({ order, findings }));
  return outdir;
}

/**
 * Returns `entry` once it is complete, calling `synthesize` only when no other process has made
 * it or is making it. The lock is a folder (`mkdir` is atomic) holding the owner's pid, so a lock
 * left by a worker that died is taken over.
 */
function cachedSynthesis(entry: string, synthesize: () => string): string {
  const lock = `${entry}.lock`;
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  for (;;) {
    if (fs.existsSync(path.join(entry, COMPLETE_FILE))) return entry;
    if (tryLock(lock)) {
      try {
        if (fs.existsSync(path.join(entry, COMPLETE_FILE))) return entry;
        fs.rmSync(entry, { recursive: true, force: true });
        return synthesize();
      } catch (err) {
        fs.rmSync(entry, { recursive: true, force: true });
        throw err;
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
    if (!ownerAlive(lock)) fs.rmSync(lock, { recursive: true, force: true });
    else sleep(POLL_MS);
  }
}

function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

/** False when the lock's owner process is gone; true while it runs or has not written its pid yet. */
function ownerAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return true;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Blocks this worker for `ms` (nothing else can run in it while it waits for the synthesis). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readAssembly(outdir: string): SynthesizedApp {
  const assembly = new CloudAssembly(outdir);
  const complete = JSON.parse(fs.readFileSync(path.join(outdir, COMPLETE_FILE), 'utf8')) as {
    order: string[];
    findings: ValidationFinding[];
  };
  const rank = (id: string) =>
    complete.order.includes(id) ? complete.order.indexOf(id) : complete.order.length;
  const added = [...assembly.stacks].sort((a, b) => rank(a.id) - rank(b.id));
  const stacks: SynthesizedStack[] = added.map((s) => {
    let template: Template | undefined;
    return {
      stackName: s.stackName,
      id: s.id,
      account: s.environment.account,
      region: s.environment.region,
      terminationProtection: s.terminationProtection ?? false,
      assumeRoleArn: s.assumeRoleArn,
      cloudFormationExecutionRoleArn: s.cloudFormationExecutionRoleArn,
      json: s.template,
      get template() {
        template ??= Template.fromJSON(s.template);
        return template;
      },
    };
  });
  return {
    stacks,
    findings: complete.findings,
    stack(stackName) {
      const found = stacks.find((s) => s.stackName === stackName);
      if (!found) throw new Error(`No stack ${stackName} in the synthesized app`);
      return found;
    },
  };
}
