import * as fs from 'fs';
import * as path from 'path';
import { flowFileName, normalizeFlow, parseFlowText, serializeFlowDocument } from '@amzconnect/contact-flows';
import { ACCOUNTVARS_FILE, DEVOPS_FILE, ENVIRONMENTS_DIR } from '@amzconnect/env';

/**
 * Where the workshop (aws-samples/amazon-connect-cicd-workshop) keeps what we migrate, relative
 * to a checkout of it: its README's "Update amzconnect-devops-pipelines/env/accountvars.json"
 * step, the instance stack's configuration, and the flows the provisioner deploys.
 */
export const WORKSHOP_PATHS = {
  accountvars: 'amzconnect-devops-pipelines/env/accountvars.json',
  devops: 'amzconnect-devops-pipelines/env/devops.json',
  instanceConfig: [
    'amzconnect-instance/lib/instance-stack/configuration.json',
    'amzconnect-instance/bin/lib/instance-stack/configuration.json',
  ],
  flows: 'amzconnect-contact-flows/lib/callflows',
} as const;

/** Keys of an `accounts[]` entry and of `devops.json` that both layouts share. */
const ACCOUNT_KEYS = ['env', 'branch', 'enabled', 'account', 'region', 'app', 'approval'];
const DEVOPS_KEYS = ['env', 'account', 'region', 'codestarArn', 'repo', 'owner', 'email', 'branch'];

/** The files a migration writes (paths relative to the target repository) and what to tell the user. */
export interface MigrationPlan {
  /** File contents by path relative to the target repository root. */
  readonly files: ReadonlyMap<string, string>;
  /** What still needs a person, one line each. */
  readonly todo: readonly string[];
  /** Files of the workshop that could not be read or converted (nothing is written then). */
  readonly errors: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function readJson(root: string, rel: string, errors: string[]): Json | undefined {
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) {
    errors.push(`${rel}: not found; is ${root} a checkout of the workshop?`);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (isObject(value)) return value;
    errors.push(`${rel}: is not a JSON object.`);
  } catch (err) {
    errors.push(`${rel}: is not valid JSON (${(err as Error).message}).`);
  }
  return undefined;
}

function pick(value: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}

/**
 * Reads a workshop checkout and plans the equivalent files of this platform, without writing:
 * `env/accountvars.json` and `env/devops.json` with the same values (the workshop's `ACME` app
 * and environment names are accepted as they are), one `env/environments/<env>.json` per
 * environment carrying the workshop's instance alias, and every flow of the workshop in our
 * reviewable format with account-specific ARNs turned into placeholders (`<<ARNREPLACE>>` becomes
 * `${mapping-function}`; the mapping keys, which are contact attributes, stay as they are).
 */
export function planWorkshopMigration(workshopRoot: string): MigrationPlan {
  const files = new Map<string, string>();
  const todo: string[] = [];
  const errors: string[] = [];

  const accountvars = readJson(workshopRoot, WORKSHOP_PATHS.accountvars, errors);
  const devops = readJson(workshopRoot, WORKSHOP_PATHS.devops, errors);
  const instanceRel = WORKSHOP_PATHS.instanceConfig.find((rel) =>
    fs.existsSync(path.join(workshopRoot, rel)),
  );
  const instance = instanceRel ? readJson(workshopRoot, instanceRel, errors) : undefined;

  const accounts = Array.isArray(accountvars?.accounts) ? accountvars.accounts.filter(isObject) : [];
  if (accountvars && accounts.length === 0) errors.push(`${WORKSHOP_PATHS.accountvars}: has no "accounts".`);
  if (accounts.length > 0) {
    files.set(`env/${ACCOUNTVARS_FILE}`, json({ accounts: accounts.map((a) => pick(a, ACCOUNT_KEYS)) }));
    if (accounts.some((a) => typeof a.account === 'string' && !/^\d{12}$/.test(a.account))) {
      todo.push(
        `env/${ACCOUNTVARS_FILE}: replace the placeholder account ids with the 12-digit ids of your accounts.`,
      );
    }
  }
  if (devops) {
    files.set(`env/${DEVOPS_FILE}`, json(pick(devops, DEVOPS_KEYS)));
    todo.push(
      `env/${DEVOPS_FILE}: check codestarArn (a connection in the tooling account), owner, repo (this repository) and email.`,
    );
  }

  const alias = typeof instance?.instanceAlias === 'string' ? instance.instanceAlias : undefined;
  for (const a of accounts) {
    if (typeof a.env !== 'string') continue;
    const settings = alias ? { instance: { alias: `${alias}-${a.env}` } } : {};
    files.set(`env/${ENVIRONMENTS_DIR}/${a.env}.json`, json(settings));
  }
  if (!instanceRel) {
    todo.push(
      `${WORKSHOP_PATHS.instanceConfig[0]}: not found; keep amzconnect-instance/config/instance.json as it is.`,
    );
  } else if (instance) {
    const queues = Array.isArray(instance.queuesToAdd) ? instance.queuesToAdd.filter(isObject) : [];
    if (queues.length > 0) {
      todo.push(
        `amzconnect-instance/config/instance.json: declare the workshop's queues ${queues.map((q) => String(q.Name)).join(', ')} under "queues" (each needs "hoursOfOperation"); the sample already declares ACME_Sales and ACME_Finance.`,
      );
    }
    if (typeof instance.instanceStorageBucketName === 'string') {
      todo.push(
        `amzconnect-instance/config/instance.json: storage.bucketName is the base of the bucket name (-<env>-<region> is appended); the workshop used "${instance.instanceStorageBucketName}".`,
      );
    }
    todo.push(
      'If an environment already runs the workshop\'s instance, keep it: add "existingInstances": { "<region>": "<instance ARN>" } to its entry in env/accountvars.json (see README, "Deploy for real").',
    );
  }

  const flowsDir = path.join(workshopRoot, WORKSHOP_PATHS.flows);
  const flowFiles = fs.existsSync(flowsDir)
    ? fs
        .readdirSync(flowsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (!fs.existsSync(flowsDir)) errors.push(`${WORKSHOP_PATHS.flows}: not found.`);
  for (const file of flowFiles) {
    const rel = `${WORKSHOP_PATHS.flows}/${file}`;
    const parsed = parseFlowText(fs.readFileSync(path.join(flowsDir, file), 'utf8'), rel);
    if (!parsed.ok) {
      errors.push(`${rel}: ${parsed.error.message}`);
      continue;
    }
    const { document, unresolved } = normalizeFlow(parsed.document);
    files.set(
      `amzconnect-contact-flows/flows/${flowFileName(document.name)}`,
      serializeFlowDocument(document),
    );
    for (const u of unresolved) {
      todo.push(
        `amzconnect-contact-flows/flows/${flowFileName(document.name)}: ${u.placeholder} has no name; replace it with the resource's name.`,
      );
    }
  }
  return { files, todo, errors };
}

/** What {@link writeMigration} did. */
export interface MigrationResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** Existing files with other content, left alone because `force` was not set. */
  readonly conflicts: readonly string[];
}

/**
 * Writes a plan into `targetRoot`. Files that exist with other content are overwritten only with
 * `force`; without it, nothing at all is written when there is any such file.
 */
export function writeMigration(plan: MigrationPlan, targetRoot: string, force = false): MigrationResult {
  const written: string[] = [];
  const unchanged: string[] = [];
  const conflicts: string[] = [];
  for (const [rel, text] of plan.files) {
    const file = path.join(targetRoot, rel);
    if (!fs.existsSync(file)) continue;
    if (fs.readFileSync(file, 'utf8') === text) unchanged.push(rel);
    else if (!force) conflicts.push(rel);
  }
  if (conflicts.length > 0) return { written, unchanged, conflicts };
  for (const [rel, text] of plan.files) {
    if (unchanged.includes(rel)) continue;
    const file = path.join(targetRoot, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(rel);
  }
  return { written, unchanged, conflicts };
}
