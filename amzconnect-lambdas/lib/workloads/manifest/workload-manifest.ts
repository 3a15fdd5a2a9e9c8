import type { ConfigProblem, Environment } from '@amzconnect/env';

/** Where one environment's raw settings of a workload were read, for messages. */
export interface WorkloadSettingsLocation {
  /** The file, as the user would type it, e.g. `env/environments/develop.json`. */
  readonly file: string;
  /** The field of the workload's object in that file, e.g. `workloads.email-channel`. */
  readonly field: string;
}

/** What a manifest's parser is given besides the raw object. */
export interface WorkloadParseContext extends WorkloadSettingsLocation {
  /** The environment the settings belong to (account, Regions, app). */
  readonly environment: Environment;
  /** Records a problem at `<field>.<subField>` of {@link file}. */
  readonly add: (subField: string, message: string) => void;
}

/**
 * One workload, declared once. Everything else (the lambdas stack, the flow deployment, the flow
 * linter, the examples) reads this instead of re-reading files by path. A manifest has no CDK
 * import: `@amzconnect/contact-flows` reads it through `@amzconnect/lambdas/workloads`.
 */
export interface WorkloadManifest<Settings = unknown, Target = Settings> {
  /** Its id: the key under `workloads` in `env/environments/<env>.json`, e.g. `email-channel`. */
  readonly id: string;
  /** One line for README tables and CLI output. */
  readonly description: string;
  /** Its folder under `amzconnect-contact-flows/flows/`; those flows deploy only where it is on. */
  readonly flowsFolder: string;
  /**
   * Functions its flows call with `${lambda:<name>}`: registry functions with this `workload`
   * and functions its own construct deploys. The flow linter accepts these names.
   */
  readonly flowFunctions: readonly string[];
  /**
   * Validates one environment's settings (already known to say `"enabled": true`), recording
   * every problem through `ctx.add`; returns `undefined` when a problem was recorded.
   */
  readonly parse: (raw: Readonly<Record<string, unknown>>, ctx: WorkloadParseContext) => Settings | undefined;
  /**
   * What the stack of one Region of the environment receives, or `undefined` when the workload
   * builds nothing in that Region (e.g. messaging channels live in one Region).
   */
  readonly target: (settings: Settings, region: string) => Target | undefined;
  /**
   * Checks what no single environment can: settings of environments that share an account and
   * a Region (e.g. one per-account resource created twice). Gets every environment where the
   * workload is on and parsed. @default no check
   */
  readonly checkAcrossEnvironments?: (parsed: readonly ParsedWorkloadSettings<Settings>[]) => ConfigProblem[];
  /**
   * The workload's transfer flow for queue quick connects: where the workload is on, the
   * contact-flows stack (which deploys the flow) creates one QUEUE quick connect to each queue a
   * routing profile of `config/instance.json` serves on `channel`, and shows it to agents on
   * contacts of every other such queue. @default none
   */
  readonly queueTransfer?: WorkloadQueueTransfer;
}

/** Queue quick connects of a workload (see {@link WorkloadManifest.queueTransfer}). */
export interface WorkloadQueueTransfer {
  /** Repository name of a QUEUE_TRANSFER flow in the workload's flows folder. */
  readonly flow: string;
  /** The routing-profile channel whose queues the workload's contacts are in, e.g. `TASK`. */
  readonly channel: 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL';
  /** What the quick connects carry, e.g. `Email` → `Email to ACME_Sales`. */
  readonly label: string;
}

/** One environment's validated settings of a workload, with where they were read. */
export interface ParsedWorkloadSettings<Settings> extends WorkloadSettingsLocation {
  readonly environment: Environment;
  readonly settings: Settings;
}

/** A manifest whose settings type is not known to the caller. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWorkloadManifest = WorkloadManifest<any, any>;

/** The problems of one parse, with file and field of the workload's settings. */
export type WorkloadProblems = ConfigProblem[];
