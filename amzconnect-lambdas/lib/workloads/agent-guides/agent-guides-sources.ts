import * as path from 'path';
import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AGENT_GUIDES_ENV as E } from '../../../src/agent-guides/environment-names';
import type { PlatformFunction } from '@amzconnect/constructs';
import type { FunctionContext, FunctionSource } from '../../function-sources';
import { AGENT_GUIDES_WORKLOAD, AgentGuidesTarget } from './agent-guides-config';

/** Registry names of the workload's functions (`config/functions.json`, `"workload": "agent-guides"`). */
export const AGENT_GUIDES_FUNCTIONS = {
  sendEmail: 'agent-guides-send-email',
  sendSms: 'agent-guides-send-sms',
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
 * The workload's functions, merged into `FUNCTION_SOURCES`. Each role may do exactly what its
 * code calls, on exactly the configured resources; an environment without settings gets a
 * function that answers NOT_CONFIGURED and a role with no sending permission at all.
 */
export const AGENT_GUIDES_SOURCES: Readonly<Record<string, FunctionSource>> = {
  [AGENT_GUIDES_FUNCTIONS.sendEmail]: {
    entry: path.join(SRC, 'send-email-handler.ts'),
    settings: (ctx) => ({ environment: emailEnvironment(targetOf(ctx)) }),
    grant: (fn, ctx) => {
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
    },
  },
  [AGENT_GUIDES_FUNCTIONS.sendSms]: {
    entry: path.join(SRC, 'send-sms-handler.ts'),
    settings: (ctx) => ({ environment: smsEnvironment(targetOf(ctx)) }),
    grant: (fn, ctx) => {
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
    },
  },
  [AGENT_GUIDES_FUNCTIONS.settings]: {
    entry: path.join(SRC, 'settings-handler.ts'),
    settings: (ctx) => {
      const t = targetOf(ctx);
      return {
        environment: {
          ...emailEnvironment(t),
          ...smsEnvironment(t),
          [E.customerProfiles]: String(t.customerProfilesEnabled),
          [E.links]: JSON.stringify(t.links),
        },
      };
    },
    grant: (fn, ctx) => {
      if (!targetOf(ctx).customerProfilesEnabled)
        Annotations.of(fn).addInfo(
          `${AGENT_GUIDES_WORKLOAD} in ${ctx.envName}: customerProfilesEnabled is false; the guide's forms are not pre-filled (enable Customer Profiles on the instance, then set it to true).`,
        );
    },
  },
};

/** Says at synthesis, once per function, that it will answer NOT_CONFIGURED and why. */
function notConfigured(fn: PlatformFunction, ctx: FunctionContext, why: string): void {
  Annotations.of(fn).addInfo(
    `${ctx.definition.name} in ${ctx.envName} (${Stack.of(fn).region}): ${why}; the function answers NOT_CONFIGURED and its role has no sending permission.`,
  );
}
