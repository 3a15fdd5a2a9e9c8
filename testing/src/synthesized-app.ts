import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp, type AddStacks } from '@amzconnect/env/cdk';
import {
  acknowledgedFindings,
  synthFindings,
  type AcknowledgedFinding,
  type ValidationFinding,
} from './nag-findings';

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
  /** Unacknowledged findings of cdk-nag, template validation and cfn-guard ([] when the app is clean). */
  readonly findings: readonly ValidationFinding[];
  /** Acknowledged findings, each with its reason (from the assembly's validation report). */
  readonly acknowledged: readonly AcknowledgedFinding[];
  /** The stack named `stackName`; throws when there is none. */
  stack(stackName: string): SynthesizedStack;
}

/** Environment variable naming the jest run's temporary folder (set by `jest.global-setup.js`). */
const RUN_TMPDIR_VARIABLE = 'AMZCONNECT_JEST_TMPDIR';
/** Written last into a cache entry: its presence means the entry is complete. */
const COMPLETE_FILE = 'complete.json';
/** How long a worker waits between looks at another worker's synthesis. */
const POLL_MS = 100;

/** Options of {@link synthesizedApp}. */
export interface SynthesizedAppOptions {
  /**
   * Run cfn-guard with the AWS Control Tower rules, as `npm run synth` does. Off only where a
   * configuration is synthesized for another subject than validation (its cfn-guard processes
   * cost more CPU than the rest of the synthesis); a synthesis without guard never serves a
   * caller that asks for it.
   * @default true
   */
  readonly guard?: boolean;
  /**
   * Run the validators at all (cdk-nag, CloudFormation's schemas, cfn-guard;
   * `createPlatformApp({ validate })`). Off only for a configuration whose templates are read for
   * another subject (the IAM evaluation's shared-account one): the sample's and the all-workloads
   * apps are validated in full elsewhere. Without validators the findings are empty.
   * @default true
   */
  readonly validate?: boolean;
}

/** One app for {@link synthesizedApps}. */
export interface SynthesizedAppRequest {
  /** What `addStacks` builds, e.g. the app's folder (see {@link synthesizedApp}). */
  readonly name: string;
  /** Adds the app's stacks. */
  readonly addStacks: AddStacks;
}

/**
 * Synthesizes the stacks `addStacks` adds for `config` (bundling skipped; cdk-nag, template
 * validation and, unless switched off, cfn-guard on, as `createPlatformApp` sets them up) once per
 * jest run, and hands every caller the same result read back from the cloud assembly: the
 * stacks' templates and the validation findings.
 *
 * Test files that only READ the templates of a configuration share one synthesis this way, even
 * across jest workers: the assembly is written under the run's temporary folder, keyed by `name`,
 * the configuration's content and the options; a lock folder makes a second worker wait for the
 * first one instead of synthesizing the same app again. Tests that construct stacks with special
 * props, or that need the construct tree, keep their own `createPlatformApp`.
 *
 * Outside a jest run (no run folder) the app is synthesized into a temporary folder that is
 * removed before this returns.
 * @param name what `addStacks` builds, e.g. the app's folder `amzconnect-instance`; callers that
 *   pass the same name and configuration must pass the same `addStacks`
 */
export function synthesizedApp(
  name: string,
  config: PlatformConfig,
  addStacks: AddStacks,
  options: SynthesizedAppOptions = {},
): SynthesizedApp {
  return synthesizedApps([{ name, addStacks }], config, options)[0];
}

/**
 * {@link synthesizedApp} for several apps of one configuration, in the order given. Where another
 * worker is synthesizing one of them, this one goes on with the next instead of waiting, and
 * waits only for what is left at the end: two workers asking for the same five apps split them.
 */
export function synthesizedApps(
  requests: readonly SynthesizedAppRequest[],
  config: PlatformConfig,
  options: SynthesizedAppOptions = {},
): SynthesizedApp[] {
  const validate = options.validate ?? true;
  const guard = validate && (options.guard ?? true);
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (!runDir) {
    return requests.map(({ addStacks }) => {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'synthesized-app-'));
      try {
        return readAssembly(synthesizeInto(scratch, config, addStacks, { guard, validate }));
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    });
  }
  const key = createHash('sha256').update(JSON.stringify({ config, guard, validate })).digest('hex');
  const entries = requests.map(({ name, addStacks }) => ({
    entry: path.join(runDir, 'synthesized-apps', `${name.replace(/[^\w.-]/g, '_')}-${key.slice(0, 16)}`),
    synthesize: (outdir: string) => synthesizeInto(outdir, config, addStacks, { guard, validate }),
  }));
  const done = new Map<number, string>();
  for (;;) {
    const waiting = entries.map((_e, i) => i).filter((i) => !done.has(i));
    if (waiting.length === 0) break;
    let progressed = false;
    for (const i of waiting) {
      const ready = tryCachedSynthesis(entries[i].entry, entries[i].synthesize);
      if (ready) {
        done.set(i, ready);
        progressed = true;
      }
    }
    if (!progressed) sleep(POLL_MS);
  }
  return entries.map((_e, i) => readAssembly(done.get(i)!));
}

/** Synthesizes into `outdir` and records the findings next to the assembly. */
function synthesizeInto(
  outdir: string,
  config: PlatformConfig,
  addStacks: AddStacks,
  validators: { readonly guard: boolean; readonly validate: boolean },
): string {
  const app = createPlatformApp({ outdir, skipBundling: true, ...validators });
  // The assembly lists stacks in its own order; remember the one the app added them in.
  const order = addStacks(app, config).map((s) => s.artifactId);
  const findings = synthFindings(app);
  fs.writeFileSync(path.join(outdir, COMPLETE_FILE), JSON.stringify({ order, findings }));
  return outdir;
}

/**
 * Returns `entry` when it is complete, after calling `synthesize` if no other process has made it
 * or is making it; `undefined` while another live process holds its lock. The lock is a folder
 * (`mkdir` is atomic) holding the owner's pid, so a lock left by a worker that died is taken over.
 */
function tryCachedSynthesis(entry: string, synthesize: (outdir: string) => string): string | undefined {
  const lock = `${entry}.lock`;
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  if (fs.existsSync(path.join(entry, COMPLETE_FILE))) return entry;
  if (tryLock(lock)) {
    try {
      if (fs.existsSync(path.join(entry, COMPLETE_FILE))) return entry;
      fs.rmSync(entry, { recursive: true, force: true });
      return synthesize(entry);
    } catch (err) {
      fs.rmSync(entry, { recursive: true, force: true });
      throw err;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  if (!ownerAlive(lock)) fs.rmSync(lock, { recursive: true, force: true });
  return undefined;
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
    acknowledged: acknowledgedFindings(outdir),
    stack(stackName) {
      const found = stacks.find((s) => s.stackName === stackName);
      if (!found) throw new Error(`No stack ${stackName} in the synthesized app`);
      return found;
    },
  };
}
