import { LogSink } from '../../shared/logger';
import {
  caseAddress,
  isAllowedRelaySender,
  relayTargetFromRecipients,
  RelayTarget,
} from '../shared/case-address';
import { CaseRecord } from '../shared/case-record';
import { CaseStore } from '../shared/case-store';
import { ChannelConfig } from '../shared/channel-config';
import { caseMailKeys, FormattedMail } from '../shared/formatted-mail';
import { InboundMail } from '../shared/inbound-mail';
import { MailStore } from '../shared/mail-store';
import { decideVerdict, senderAuthenticated } from '../shared/mail-verdict';
import { parseMail } from '../shared/parse-mail';
import { composeReply } from '../shared/reply-message';
import { SendReply } from '../shared/reply-sender';
import { mailIdOf, parseS3Event, S3ObjectRef } from '../shared/s3-event';
import { stripQuotedHistory } from '../shared/strip-quoted-history';

/** What the relay function is built from. */
export interface RelayDeps {
  readonly config: ChannelConfig;
  readonly mail: MailStore;
  readonly cases: CaseStore;
  readonly sendReply: SendReply;
  readonly logger: LogSink;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** What happened to one relay mail. */
export type RelayOutcome =
  | {
      readonly key: string;
      readonly outcome: 'REPLY_SENT';
      readonly caseId: string;
      readonly sesMessageId: string;
      /** Where the customer's next mail goes. */
      readonly nextRoute: NextRoute;
    }
  | { readonly key: string; readonly outcome: 'REJECTED'; readonly caseId: string }
  | { readonly key: string; readonly outcome: 'ALREADY_DONE'; readonly caseId: string }
  | { readonly key: string; readonly outcome: 'REFUSED'; readonly reason: string };

/** Where a case's next customer mail is routed: the agent, the case's queue, or the general line. */
export type NextRoute = 'AGENT' | 'QUEUE' | 'DEFAULT';

/**
 * The reference's relay semantics: every relay address except `rejectrelay` sends the agent's
 * answer to the customer; the address only decides where the customer's NEXT mail goes, by what
 * the case keeps: `agentrelay` keeps the agent (next mail → that agent), `queuerelay` forgets the
 * agent (→ the queue the case was accepted from), `relay` forgets both (→ the general line, the
 * task flow's default routing). `rejectrelay` answers nothing and closes the case.
 */
export const NEXT_ROUTE: Readonly<Record<'agentrelay' | 'queuerelay' | 'relay', NextRoute>> = {
  agentrelay: 'AGENT',
  queuerelay: 'QUEUE',
  relay: 'DEFAULT',
};

/** What the relay decides for a parsed agent mail (pure). */
export type RelayDecision =
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'act'; readonly target: Required<RelayTarget>; readonly agentAddress: string };

/**
 * Decides whether an agent mail may act on a case: not spam or virus, sent to a relay address
 * with a `+<caseId>`, from an allowed sender (`relaySenders`) whose domain SES authenticated
 * (SPF or DKIM pass), so that nobody outside can make the channel write to a customer. Pure.
 */
export function decideRelay(
  mail: InboundMail,
  config: Pick<ChannelConfig, 'domain' | 'relaySenders'>,
): RelayDecision {
  const verdict = decideVerdict(mail.verdicts);
  if (verdict.drop) return { kind: 'refuse', reason: verdict.reason };
  if (!mail.from) return { kind: 'refuse', reason: 'no sender address (From)' };
  if (!isAllowedRelaySender(mail.from.address, config.relaySenders))
    return { kind: 'refuse', reason: `sender ${mail.from.address} is not an allowed relay sender` };
  if (!senderAuthenticated(mail.verdicts))
    return { kind: 'refuse', reason: `sender ${mail.from.address} failed SPF and DKIM` };
  const target = relayTargetFromRecipients([...mail.to, ...mail.cc], config.domain);
  if (!target) return { kind: 'refuse', reason: 'no relay address among the recipients' };
  if (!target.caseId) return { kind: 'refuse', reason: `${target.mailbox} address without +<caseId>` };
  return {
    kind: 'act',
    target: { mailbox: target.mailbox, caseId: target.caseId },
    agentAddress: mail.from.address,
  };
}

/**
 * Builds the relay function: for each agent mail SES stored under `relay/`, decide, then act on
 * the case ({@link NEXT_ROUTE}): `agentrelay`, `queuerelay` and `relay` answer the customer from
 * `customerservice+<caseId>@domain` (HTML and text: the reply prepended to the customer's latest
 * mail, with the disclaimer) and set where the next mail goes; `rejectrelay` closes the case.
 * Every action is recorded in the case's history once per relay mail. Refused mail never throws;
 * AWS errors throw for a retry.
 */
export function createRelayHandler(deps: RelayDeps) {
  const now = deps.now ?? (() => new Date());

  const act = async (
    ref: S3ObjectRef,
    mail: InboundMail,
    raw: Buffer,
    decision: Extract<RelayDecision, { kind: 'act' }>,
    record: CaseRecord,
  ): Promise<RelayOutcome> => {
    const { caseId, mailbox } = decision.target;
    const { originalKey } = caseMailKeys(caseId, `agent-${mailIdOf(ref.key)}`);
    await deps.mail.put(originalKey, raw, 'message/rfc822');
    const note = stripQuotedHistory(mail.text);
    const at = now().toISOString();
    const base = { at, agent: decision.agentAddress, relayKey: originalKey };

    if (mailbox === 'rejectrelay') {
      await deps.cases.recordAgentAction(
        caseId,
        { ...base, type: 'REJECTED', note: note.slice(0, 1000) },
        ref.key,
        { close: true, releaseAgent: true },
      );
      deps.logger.info('Case closed by the agent', { key: ref.key, caseId });
      return { key: ref.key, outcome: 'REJECTED', caseId };
    }
    if (!record.latestInbound) throw new Error(`Case ${caseId} has no inbound mail to answer.`);
    const latest = JSON.parse(
      (await deps.mail.get(record.latestInbound.formattedKey)).toString('utf8'),
    ) as FormattedMail;
    const message = composeReply({
      replyText: note,
      disclaimer: deps.config.disclaimer,
      latest,
      from: caseAddress(deps.config.inquiryAddress, caseId),
      to: record.customerAddress,
    });
    const sesMessageId = await deps.sendReply(message);
    const nextRoute = NEXT_ROUTE[mailbox];
    await deps.cases.recordAgentAction(
      caseId,
      { ...base, type: 'REPLY_SENT', sesMessageId, to: message.to, subject: message.subject, nextRoute },
      ref.key,
      { releaseAgent: nextRoute !== 'AGENT', releaseQueue: nextRoute === 'DEFAULT' },
    );
    deps.logger.info('Reply sent', { key: ref.key, caseId, sesMessageId, nextRoute });
    return { key: ref.key, outcome: 'REPLY_SENT', caseId, sesMessageId, nextRoute };
  };

  const processOne = async (ref: S3ObjectRef): Promise<RelayOutcome> => {
    if (ref.bucket !== deps.mail.bucket || !ref.key.startsWith('relay/'))
      return { key: ref.key, outcome: 'REFUSED', reason: 'not a relay mail object' };
    const raw = await deps.mail.get(ref.key);
    const parsed = await parseMail(raw);
    const decision: RelayDecision = parsed.ok
      ? decideRelay(parsed.mail, deps.config)
      : { kind: 'refuse', reason: parsed.reason };
    if (decision.kind === 'refuse' || !parsed.ok) {
      const reason = decision.kind === 'refuse' ? decision.reason : 'unparseable';
      deps.logger.warn('Relay mail refused', { key: ref.key, reason });
      return { key: ref.key, outcome: 'REFUSED', reason };
    }
    const record = await deps.cases.get(decision.target.caseId);
    if (!record) {
      deps.logger.warn('Relay mail for an unknown case refused', {
        key: ref.key,
        caseId: decision.target.caseId,
      });
      return { key: ref.key, outcome: 'REFUSED', reason: `no case ${decision.target.caseId}` };
    }
    if (
      record.history.some(
        (e) => e.relayKey === caseMailKeys(record.caseId, `agent-${mailIdOf(ref.key)}`).originalKey,
      )
    ) {
      deps.logger.info('Relay mail already handled (retried delivery)', {
        key: ref.key,
        caseId: record.caseId,
      });
      return { key: ref.key, outcome: 'ALREADY_DONE', caseId: record.caseId };
    }
    return act(ref, parsed.mail, raw, decision, record);
  };

  return async (event: unknown): Promise<RelayOutcome[]> => {
    const outcomes: RelayOutcome[] = [];
    for (const ref of parseS3Event(event)) outcomes.push(await processOne(ref));
    return outcomes;
  };
}
