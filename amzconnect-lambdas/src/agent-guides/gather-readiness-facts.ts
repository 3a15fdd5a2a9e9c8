import {
  DescribeConfigurationSetsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  GetEmailTemplateCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { GuideSettings } from './agent-guides-config';
import { EmailFacts, Lookup, ReadinessFacts, SmsFacts } from './readiness-facts';

/** The clients the readiness check reads with (read-only calls only). */
export interface ReadinessClients {
  readonly ses: SESv2Client;
  readonly sms: PinpointSMSVoiceV2Client;
}

/**
 * Runs one look-up. The error that means "does not exist" is the service's: SES v2 answers
 * `NotFoundException` (HTTP 404) to GetEmailIdentity, GetEmailTemplate and GetConfigurationSet of
 * an unknown name (API reference, "Errors" of each operation); End User Messaging SMS answers
 * `ResourceNotFoundException` to DescribePhoneNumbers, DescribePools and
 * DescribeConfigurationSets when an id or name in the request does not exist
 * (https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_DescribePhoneNumbers.html).
 * Any other failure is an `error`: nothing is known.
 */
async function lookup<T>(notFound: string, call: () => Promise<T | undefined>): Promise<Lookup<T>> {
  try {
    const value = await call();
    return value === undefined ? { status: 'missing' } : { status: 'found', value };
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    if (name === notFound) return { status: 'missing' };
    return { status: 'error', error: typeof name === 'string' ? name : 'Error' };
  }
}

/** SES v2 facts: GetAccount, GetEmailIdentity, GetEmailTemplate, GetConfigurationSet, in parallel. */
async function emailFacts(
  ses: SESv2Client,
  email: NonNullable<GuideSettings['email']>,
  abortSignal: AbortSignal,
): Promise<EmailFacts> {
  const NF = 'NotFoundException';
  const [account, identity, template, configurationSet] = await Promise.all([
    lookup(NF, async () => {
      const out = await ses.send(new GetAccountCommand({}), { abortSignal });
      return {
        productionAccess: out.ProductionAccessEnabled === true,
        sendingEnabled: out.SendingEnabled === true,
      };
    }),
    lookup(NF, async () => {
      const out = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: email.identity }), {
        abortSignal,
      });
      return { verifiedForSending: out.VerifiedForSendingStatus === true };
    }),
    lookup(NF, async () => {
      await ses.send(new GetEmailTemplateCommand({ TemplateName: email.template }), { abortSignal });
      return true as const;
    }),
    email.configurationSet === undefined
      ? Promise.resolve(undefined)
      : lookup(NF, async () => {
          const out = await ses.send(
            new GetConfigurationSetCommand({ ConfigurationSetName: email.configurationSet }),
            { abortSignal },
          );
          // SendingOptions absent means sending is enabled (the SES default for a new set).
          return { sendingEnabled: out.SendingOptions?.SendingEnabled !== false };
        }),
  ]);
  return { account, identity, template, ...(configurationSet ? { configurationSet } : {}) };
}

/** End User Messaging SMS facts: the phone number's or pool's status, the configuration set. */
async function smsFacts(
  sms: PinpointSMSVoiceV2Client,
  settings: NonNullable<GuideSettings['sms']>,
  abortSignal: AbortSignal,
): Promise<SmsFacts> {
  const NF = 'ResourceNotFoundException';
  const id = settings.originationIdentity;
  const [originationIdentity, configurationSet] = await Promise.all([
    lookup(NF, async () => {
      if (id.startsWith('pool-')) {
        const out = await sms.send(new DescribePoolsCommand({ PoolIds: [id] }), { abortSignal });
        const pool = out.Pools?.[0];
        return pool ? { status: String(pool.Status) } : undefined;
      }
      const out = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [id] }), { abortSignal });
      const number = out.PhoneNumbers?.[0];
      return number ? { status: String(number.Status) } : undefined;
    }),
    settings.configurationSet === undefined
      ? Promise.resolve(undefined)
      : lookup(NF, async () => {
          const out = await sms.send(
            new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [settings.configurationSet!] }),
            { abortSignal },
          );
          return (out.ConfigurationSets ?? []).length > 0 ? (true as const) : undefined;
        }),
  ]);
  return { originationIdentity, ...(configurationSet ? { configurationSet } : {}) };
}

/** Reads every prerequisite of the configured channels (both channels in parallel). */
export async function gatherReadinessFacts(
  clients: ReadinessClients,
  settings: GuideSettings,
  abortSignal: AbortSignal,
): Promise<ReadinessFacts> {
  const [email, sms] = await Promise.all([
    settings.email ? emailFacts(clients.ses, settings.email, abortSignal) : undefined,
    settings.sms ? smsFacts(clients.sms, settings.sms, abortSignal) : undefined,
  ]);
  return { ...(email ? { email } : {}), ...(sms ? { sms } : {}) };
}
