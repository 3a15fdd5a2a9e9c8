import { z } from 'zod';
import { AWS_REGION_PATTERN, CONNECT_REGIONS } from './connect-regions';
import { PLATFORM_PREFIX_MAX_LENGTH, PLATFORM_PREFIX_PATTERN } from './contracts/platform-prefix';
import { CONNECT_INSTANCE_ARN_PATTERN, parseConnectInstanceArn } from './existing-instance';

/** Placeholder account id used by templates; never deployable. */
export const PLACEHOLDER_ACCOUNT = 'XXXXXXXXXXXX';

/**
 * Account ids as templates write them: 12 letters with at least one `X`, e.g. `XXXXXXXXXXXX` or
 * the workshop's `XXXXXXXXXXXZ` (aws-samples/amazon-connect-cicd-workshop
 * `amzconnect-devops-pipelines/env/accountvars.json`). Never a real id (those are 12 digits).
 */
const PLACEHOLDER_ACCOUNT_PATTERN = /^(?=[A-Z]*X)[A-Z]{12}$/i;

/**
 * Whether `value` is a placeholder account id ({@link PLACEHOLDER_ACCOUNT} and its variants). The
 * schema accepts it; the loader warns about it in a local run and refuses it in a strict one.
 */
export function isPlaceholderAccount(value: string): boolean {
  return PLACEHOLDER_ACCOUNT_PATTERN.test(value);
}

const ENV_NAME = /^[a-z][a-z0-9-]{0,19}$/;
/** Matched case-insensitively: the workshop's sample writes `ACME`; the model lowercases it. */
const APP_NAME = /^[a-z][a-z0-9-]{1,19}$/i;
/** Branch names must fit into pipeline names: letters, digits, `.`, `_`, `-` (no `/`). */
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/;
const ACCOUNT = /^\d{12}$/;
const CONNECTION_ARN =
  /^arn:aws(?:-[a-z]+)*:(?:codestar-connections|codeconnections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
/**
 * `cdk bootstrap --qualifier`: the bootstrap template's `Qualifier` parameter allows at most 10
 * characters (aws/aws-cdk `packages/aws-cdk/lib/api/bootstrap/bootstrap-template.yaml`), and it
 * becomes part of the assets bucket name `cdk-<qualifier>-assets-...`, where S3 allows only
 * lowercase letters, digits and hyphens.
 */
const BOOTSTRAP_QUALIFIER = /^[a-z0-9]{1,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const envName = z
  .string()
  .regex(
    ENV_NAME,
    'must be 1-20 lowercase letters, digits or hyphens starting with a letter (it becomes part of stack and resource names), e.g. "develop".',
  );

const branch = z
  .string()
  .regex(
    BRANCH,
    'must be a branch name of letters, digits, ".", "_" or "-" (at most 60, no "/"), because it becomes part of pipeline names; e.g. "develop".',
  );

/** A 12-digit account id, or a placeholder (judged by the loader, see {@link isPlaceholderAccount}). */
const account = z.string().superRefine((value, ctx) => {
  if (!isPlaceholderAccount(value) && !ACCOUNT.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an AWS account id; use the 12-digit id, as a string (keep leading zeros).`,
    });
  }
});

const connectRegion = z.string().superRefine((value, ctx) => {
  if (!CONNECT_REGIONS.includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a Region where Amazon Connect is offered; use one of ${CONNECT_REGIONS.join(', ')}.`,
    });
  }
});

const instanceArn = z
  .string()
  .regex(
    CONNECT_INSTANCE_ARN_PATTERN,
    'is not an Amazon Connect instance ARN; copy it from the console (Amazon Connect > the instance > Distribution settings / "Instance ARN"): arn:aws:connect:<region>:<account>:instance/<instance-id>.',
  );

/** One entry of `accounts[]` in `accountvars.json`. */
export const environmentSchema = z.strictObject({
  env: envName,
  branch,
  enabled: z.boolean(),
  account,
  region: z
    .array(connectRegion)
    .min(1, 'is empty; list at least one Region, e.g. ["us-east-1"].')
    .superRefine((regions, ctx) => {
      const seen = new Set<string>();
      regions.forEach((r, i) => {
        if (seen.has(r)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `"${r}" is listed twice; list each Region once.`,
          });
        }
        seen.add(r);
      });
    }),
  app: z
    .string()
    .regex(
      APP_NAME,
      'must be 2-20 letters, digits or hyphens starting with a letter (it prefixes SSM parameters, stack and resource names, lowercased), e.g. "acme".',
    ),
  approval: z.boolean().optional(),
  existingInstances: z.record(z.string(), instanceArn).optional(),
  allowSharedAccountRegion: z.boolean().optional(),
});

/**
 * Checks `existingInstances` of one environment entry against its own `account` and `region`:
 * each key is one of the environment's Regions, and the ARN's Region and account are that Region
 * and the environment's account (a stack can only publish parameters for an instance it can reach).
 */
export function existingInstanceIssues(entry: {
  readonly account: string;
  readonly region: readonly string[];
  readonly existingInstances?: Readonly<Record<string, string>>;
}): { readonly path: (string | number)[]; readonly message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [region, arn] of Object.entries(entry.existingInstances ?? {})) {
    const path = ['existingInstances', region];
    if (!entry.region.includes(region)) {
      issues.push({
        path,
        message: `"${region}" is not a Region of this environment; use one of ${entry.region.join(', ')} or add it to "region".`,
      });
      continue;
    }
    const parts = parseConnectInstanceArn(arn);
    if (!parts) continue; // reported by the schema
    if (parts.region !== region) {
      issues.push({
        path,
        message: `is an instance in ${parts.region}, not ${region}; list it under "${parts.region}" or use the ARN of the instance in ${region}.`,
      });
    }
    if (parts.account !== entry.account) {
      issues.push({
        path,
        message: `is an instance of account ${parts.account}, but the environment deploys to ${entry.account}; the platform only adopts instances in the environment's own account.`,
      });
    }
  }
  return issues;
}

/** `env/accountvars.json`. */
export const accountVarsSchema = z.strictObject({
  accounts: z.array(environmentSchema).min(1, 'is empty; declare at least one environment.'),
});

/** `env/devops.json`. */
export const devopsSchema = z
  .strictObject({
    env: envName,
    account,
    region: z
      .string()
      .regex(
        AWS_REGION_PATTERN,
        'is not an AWS Region name; use the Region of the pipelines, e.g. "us-east-1".',
      ),
    codestarArn: z
      .string()
      .regex(
        CONNECTION_ARN,
        'is not a CodeStar connection ARN; copy the ARN of the GitHub connection from the console (Developer Tools > Settings > Connections): arn:aws:codestar-connections:<region>:<account>:connection/<uuid>.',
      ),
    repo: z.string().regex(GITHUB_REPO, 'must be the GitHub repository name, e.g. "amazon-connect-cicd".'),
    owner: z
      .string()
      .regex(GITHUB_OWNER, 'must be the GitHub user or organisation that owns the repository.'),
    email: z
      .string()
      .regex(EMAIL, 'must be an e-mail address for pipeline notifications, e.g. "ops@example.com".'),
    branch: branch.optional(),
    bootstrapQualifier: z
      .string()
      .regex(
        BOOTSTRAP_QUALIFIER,
        'must be the qualifier the accounts were bootstrapped with (`cdk bootstrap --qualifier`): 1-10 lowercase letters or digits, e.g. "hnb659fds".',
      )
      .optional(),
    accountUniqueNames: z.boolean().optional(),
    platformPrefix: z
      .string()
      .regex(
        PLATFORM_PREFIX_PATTERN,
        `must be 2-${PLATFORM_PREFIX_MAX_LENGTH} lowercase letters, digits or single hyphens, starting with a letter and ending with a letter or digit (it starts every tooling-account name, and the longest, an artifact bucket name, must fit in Amazon S3's 63 characters), e.g. "acme-cc".`,
      )
      .optional(),
  })
  .superRefine((value, ctx) => {
    const m = CONNECTION_ARN.exec(value.codestarArn);
    if (m && ACCOUNT.test(value.account) && m[2] !== value.account) {
      ctx.addIssue({
        code: 'custom',
        path: ['codestarArn'],
        message: `belongs to account ${m[2]}, but the tooling account is ${value.account}; create the connection in the tooling account or fix "account".`,
      });
    }
  });

export type AccountVarsFile = z.infer<typeof accountVarsSchema>;
export type DevopsFile = z.infer<typeof devopsSchema>;

/** Regex for a connection ARN; exported for tests and for the pipelines' IAM scoping. */
export const CONNECTION_ARN_PATTERN = CONNECTION_ARN;
