import * as path from 'path';
import type { z } from 'zod';
import { ConfigError, ConfigProblem, formatPath } from './config-error';
import {
  accountVarsSchema,
  AccountVarsFile,
  devopsSchema,
  DevopsFile,
  environmentSchema,
  existingInstanceIssues,
  isPlaceholderAccount,
  PLACEHOLDER_ACCOUNT,
} from './config-schema';
import { loadEnvironmentSettings } from './load-environment-settings';
import { Environment, PlatformConfig } from './platform-config';
import { readJsonFile } from './read-json-file';
import { DEFAULT_PLATFORM_PREFIX } from './contracts/platform-prefix';
import { DEFAULT_BOOTSTRAP_QUALIFIER } from './target-account-roles';

/** File names inside the configuration folder. */
export const ACCOUNTVARS_FILE = 'accountvars.json';
export const DEVOPS_FILE = 'devops.json';

/** Default tooling branch when `devops.json` has no `branch`. */
export const DEFAULT_TOOLING_BRANCH = 'main';

const EXAMPLES: Record<string, string> = {
  accounts: '[{ "env": "develop", "branch": "develop", ... }]',
  env: '"develop"',
  branch: '"develop"',
  enabled: 'true',
  account: '"123456789012"',
  region: '["us-east-1"]',
  app: '"acme"',
  codestarArn: '"arn:aws:codestar-connections:us-east-1:123456789012:connection/<uuid>"',
  repo: '"amazon-connect-cicd"',
  owner: '"my-org"',
  email: '"ops@example.com"',
  bootstrapQualifier: '"hnb659fds"',
  platformPrefix: '"amzconnect"',
  accountUniqueNames: 'true',
};

function issueToProblems(
  file: string,
  issue: z.core.$ZodIssue,
  allowedKeys: (p: readonly PropertyKey[]) => string[],
): ConfigProblem[] {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      field: formatPath([...issue.path, key]),
      message: `is not a known key; remove it or fix its spelling (known keys: ${allowedKeys(issue.path).join(', ')}).`,
    }));
  }
  if (issue.code === 'invalid_type') {
    const last = issue.path[issue.path.length - 1];
    const example = typeof last === 'string' && EXAMPLES[last] ? `, e.g. ${EXAMPLES[last]}` : '';
    if (issue.input === undefined) {
      return [{ file, field, message: `is missing; add it${example}.` }];
    }
    const got =
      issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : `a ${typeof issue.input}`;
    const expected =
      issue.expected === 'object'
        ? 'an object'
        : issue.expected === 'array'
          ? 'an array'
          : `a ${issue.expected}`;
    return [{ file, field, message: `must be ${expected}, not ${got}${example}.` }];
  }
  return [{ file, field, message: issue.message }];
}

const ENV_KEYS = Object.keys(environmentSchema.shape);
const DEVOPS_KEYS = [
  'env',
  'account',
  'region',
  'codestarArn',
  'repo',
  'owner',
  'email',
  'branch',
  'bootstrapQualifier',
  'platformPrefix',
  'accountUniqueNames',
];

function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  allowedKeys: (p: readonly PropertyKey[]) => string[],
  problems: ConfigProblem[],
): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(...issueToProblems(file, issue, allowedKeys));
  return undefined;
}

/** Checks that need more than one entry: unique names, one enabled environment per branch. */
function crossChecks(raw: unknown, file: string, problems: ConfigProblem[]): void {
  const accounts = (raw as { accounts?: unknown })?.accounts;
  if (!Array.isArray(accounts)) return;
  const byName = new Map<string, number>();
  const byBranch = new Map<string, number>();
  accounts.forEach((entry: unknown, i: number) => {
    if (typeof entry !== 'object' || entry === null) return;
    const e = entry as Record<string, unknown>;
    if (typeof e.env === 'string') {
      const first = byName.get(e.env);
      if (first !== undefined) {
        problems.push({
          file,
          field: `accounts[${i}].env`,
          message: `"${e.env}" is already used by accounts[${first}]; give each environment its own name.`,
        });
      } else byName.set(e.env, i);
    }
    if (e.enabled === true && typeof e.branch === 'string') {
      const first = byBranch.get(e.branch);
      if (first !== undefined) {
        problems.push({
          file,
          field: `accounts[${i}].branch`,
          message: `"${e.branch}" is also the branch of enabled accounts[${first}]; a push must deploy one environment, so give each enabled environment its own branch or disable one.`,
        });
      } else byBranch.set(e.branch, i);
    }
  });
}

/**
 * Placeholder account ids (see {@link isPlaceholderAccount}) in both files: refused in a strict
 * run (a pipeline build, `-c strict=true`), a warning otherwise, so that a template such as the
 * workshop's sample synthesizes locally as it is.
 */
function placeholderAccounts(
  accountsRaw: unknown,
  devopsRaw: unknown,
  files: { readonly accounts: string; readonly devops: string },
  found: ConfigProblem[],
): void {
  // Read from the raw files, so that the placeholders are reported beside every other problem.
  const accountOf = (entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as { account?: unknown }).account === 'string'
      ? (entry as { account: string }).account
      : undefined;
  const accounts = (accountsRaw as { accounts?: unknown } | undefined)?.accounts;
  const at = (file: string, field: string, value: string): ConfigProblem => ({
    file,
    field,
    message: `"${value}" is a placeholder; replace it with the 12-digit id of the AWS account (a pipeline build and -c strict=true refuse placeholders).`,
  });
  (Array.isArray(accounts) ? accounts : []).forEach((entry: unknown, i: number) => {
    const account = accountOf(entry);
    if (account !== undefined && isPlaceholderAccount(account))
      found.push(at(files.accounts, `accounts[${i}].account`, account));
  });
  const tooling = accountOf(devopsRaw);
  if (tooling !== undefined && isPlaceholderAccount(tooling))
    found.push(at(files.devops, 'account', tooling));
}

/**
 * Rules between the accounts of both files: no environment deploys into the tooling account (a
 * pipeline could otherwise change the pipelines), and no two enabled environments share an
 * account and Region unless both allow it (they would share Amazon Connect's API quotas and
 * collide on names). Outside a strict run, placeholder ids are exempt: templates write the same
 * placeholder for every account, which says nothing about the accounts that will be used.
 */
function accountChecks(
  accounts: AccountVarsFile['accounts'],
  devops: DevopsFile,
  files: { readonly accounts: string; readonly devops: string },
  strict: boolean,
  problems: ConfigProblem[],
): void {
  const seen = new Map<string, number>();
  accounts.forEach((a, i) => {
    if (!strict && isPlaceholderAccount(a.account)) return;
    if (a.account === devops.account) {
      problems.push({
        file: files.accounts,
        field: `accounts[${i}].account`,
        message: `"${a.account}" is the tooling account (${files.devops} "account"); deploy each environment into an account of its own, so that no pipeline can change the pipelines.`,
      });
    }
    if (!a.enabled) return;
    for (const region of a.region) {
      const key = `${a.account}/${region}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        continue;
      }
      const other = accounts[first];
      if (a.allowSharedAccountRegion && other.allowSharedAccountRegion) continue;
      problems.push({
        file: files.accounts,
        field: `accounts[${i}].account`,
        message: `"${a.account}" in ${region} is also used by enabled accounts[${first}] ("${other.env}"); two environments in one account and Region share Amazon Connect's API quotas and resource names, so give each its own account, or set "allowSharedAccountRegion": true on both entries.`,
      });
    }
  });
}

/**
 * The account ids the model holds for placeholders (local runs only): the n-th distinct
 * placeholder (case-insensitive, `accountvars.json` then `devops.json`) stands for `n` as a
 * 12-digit id, `000000000000` first. The model needs digits: account ids become part of ARNs that
 * CloudFormation's resource schemas match with `\d{12}` (rule E3510 of template validation, e.g.
 * `AWS::IAM::Policy` resources) and of S3 bucket names, which allow no uppercase letters. Equal
 * placeholders stay equal, so the model keeps what the file says (e.g. the workshop's prod
 * environment in its tooling account).
 */
function placeholderStandIns(accounts: readonly string[]): Map<string, string> {
  const standIns = new Map<string, string>();
  for (const account of accounts) {
    const key = account.toUpperCase();
    if (isPlaceholderAccount(account) && !standIns.has(key))
      standIns.set(key, String(standIns.size).padStart(12, '0'));
  }
  return standIns;
}

/** Options for {@link loadPlatformConfig}. */
export interface LoadPlatformConfigOptions {
  /** Directory used to shorten file names in messages. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Refuse placeholder account ids instead of warning about them; entry points set it from
   * `isStrictRun` (a pipeline build or `-c strict=true`).
   * @default false (a local run warns, see {@link PlatformConfig.warnings})
   */
  readonly strict?: boolean;
}

/**
 * Loads `accountvars.json` and `devops.json` from `configDir`, validates both, and returns the
 * typed model. Every problem in both files is collected before anything is thrown.
 * @throws ConfigError listing every problem, each with file, field and fix
 */
export function loadPlatformConfig(
  configDir: string,
  options: LoadPlatformConfigOptions = {},
): PlatformConfig {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, configDir);
  const display = (name: string) => path.relative(cwd, path.join(dir, name)) || name;
  const problems: ConfigProblem[] = [];

  const accountsFile = display(ACCOUNTVARS_FILE);
  const devopsFile = display(DEVOPS_FILE);
  const accountsRaw = readJsonFile(path.join(dir, ACCOUNTVARS_FILE), accountsFile);
  const devopsRaw = readJsonFile(path.join(dir, DEVOPS_FILE), devopsFile);

  let accountVars: AccountVarsFile | undefined;
  let devops: DevopsFile | undefined;
  if (accountsRaw.ok) {
    accountVars = parseWith(
      accountVarsSchema,
      accountsRaw.value,
      accountsFile,
      (p) => (p.length === 0 ? ['accounts'] : ENV_KEYS),
      problems,
    );
    crossChecks(accountsRaw.value, accountsFile, problems);
  } else {
    problems.push(accountsRaw.problem);
  }
  if (devopsRaw.ok) {
    devops = parseWith(devopsSchema, devopsRaw.value, devopsFile, () => DEVOPS_KEYS, problems);
  } else {
    problems.push(devopsRaw.problem);
  }

  const settings = accountVars
    ? loadEnvironmentSettings(
        dir,
        accountVars.accounts.map((a) => a.env),
        (absolute) => path.relative(cwd, absolute) || absolute,
        problems,
      )
    : undefined;
  accountVars?.accounts.forEach((a, i) => {
    for (const issue of existingInstanceIssues(a)) {
      problems.push({
        file: accountsFile,
        field: formatPath(['accounts', i, ...issue.path]),
        message: issue.message,
      });
    }
  });

  const strict = options.strict ?? false;
  const warnings: ConfigProblem[] = [];
  const files = { accounts: accountsFile, devops: devopsFile };
  placeholderAccounts(
    accountsRaw.ok ? accountsRaw.value : undefined,
    devopsRaw.ok ? devopsRaw.value : undefined,
    files,
    strict ? problems : warnings,
  );
  if (accountVars && devops) accountChecks(accountVars.accounts, devops, files, strict, problems);
  if (problems.length > 0 || !accountVars || !devops || !settings) throw new ConfigError(problems);
  const bootstrapQualifier = devops.bootstrapQualifier ?? DEFAULT_BOOTSTRAP_QUALIFIER;
  const platformPrefix = devops.platformPrefix ?? DEFAULT_PLATFORM_PREFIX;

  const standIns = placeholderStandIns([...accountVars.accounts.map((a) => a.account), devops.account]);
  const modelAccount = (account: string) => standIns.get(account.toUpperCase()) ?? account;
  const notices: string[] = [];
  const environments: Environment[] = accountVars.accounts.map((a, i) => {
    const app = a.app.toLowerCase();
    if (app !== a.app) {
      notices.push(
        `${accountsFile}: accounts[${i}].app "${a.app}" is used as "${app}": stack, SSM parameter and resource names are lowercase (S3 bucket names must be).`,
      );
    }
    return {
      name: a.env,
      branch: a.branch,
      enabled: a.enabled,
      account: modelAccount(a.account),
      regions: [...a.region],
      app,
      approval: a.approval ?? false,
      existingInstances: { ...(a.existingInstances ?? {}) },
      settings: settings.get(a.env)!,
      allowSharedAccountRegion: a.allowSharedAccountRegion ?? false,
      bootstrapQualifier,
      platformPrefix,
      accountUniqueNames: devops.accountUniqueNames ?? false,
    };
  });
  return {
    configDir: dir,
    notices,
    warnings,
    environments,
    tooling: {
      name: devops.env,
      account: modelAccount(devops.account),
      region: devops.region,
      connectionArn: devops.codestarArn,
      owner: devops.owner,
      repo: devops.repo,
      branch: devops.branch ?? DEFAULT_TOOLING_BRANCH,
      email: devops.email,
      bootstrapQualifier,
      platformPrefix,
    },
  };
}

export { PLACEHOLDER_ACCOUNT };
