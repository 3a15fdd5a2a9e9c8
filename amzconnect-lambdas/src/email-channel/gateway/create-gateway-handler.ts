import { LogSink } from '../../shared/logger';
import { caseIdForMail, caseIdFromRecipients } from '../shared/case-address';
import { CaseRecord } from '../shared/case-record';
import { CaseStore } from '../shared/case-store';
import { ChannelConfig } from '../shared/channel-config';
import { caseMailKeys, formatMail } from '../shared/formatted-mail';
import { InboundMail } from '../shared/inbound-mail';
import { DetectInsights } from '../shared/mail-insights';
import { MailStore } from '../shared/mail-store';
import { decideVerdict } from '../shared/mail-verdict';
import { parseMail } from '../shared/parse-mail';
import { mailIdOf, parseS3Event, S3ObjectRef } from '../shared/s3-event';
import { stripQuotedHistory } from '../shared/strip-quoted-history';
import { StartTask } from '../shared/task-starter';
import { decideTaskTarget } from '../shared/task-request';

/** What the gateway is built from. */
export interface GatewayDeps {
  readonly config: ChannelConfig;
  readonly mail: MailStore;
  readonly cases: CaseStore;
  readonly detect: DetectInsights;
  readonly startTask: StartTask;
  readonly logger: LogSink;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** What happened to one received mail. */
export type GatewayOutcome =
  | {
      readonly key: string;
      readonly outcome: 'TASK_STARTED';
      readonly caseId: string;
      readonly contactId: string;
    }
  | { readonly key: string; readonly outcome: 'DROPPED'; readonly reason: string }
  | {
      readonly key: string;
      readonly outcome: 'QUARANTINED';
      readonly reason: string;
      readonly quarantineKey: string;
    }
  | { readonly key: string; readonly outcome: 'IGNORED'; readonly reason: string };

/** What the gateway decides for a parsed mail (pure). */
export type InboundDecision =
  | { readonly kind: 'drop'; readonly reason: string }
  | { readonly kind: 'quarantine'; readonly reason: string }
  | {
      readonly kind: 'accept';
      readonly caseRef?: string;
      readonly customer: { address: string; name: string };
    };

/**
 * Decides what to do with a received mail: drop what SES flagged as spam or virus, quarantine
 * mail without a usable sender (no one to answer) or sent by the channel itself (a loop), accept
 * the rest with the case named by a `+<caseId>` recipient, if any. Pure.
 */
export function decideInbound(
  mail: InboundMail,
  config: Pick<ChannelConfig, 'inquiryAddress' | 'domain'>,
): InboundDecision {
  const verdict = decideVerdict(mail.verdicts);
  if (verdict.drop) return { kind: 'drop', reason: verdict.reason };
  if (!mail.from) return { kind: 'quarantine', reason: 'no sender address (From)' };
  if (mail.from.address.endsWith(`@${config.domain}`))
    return {
      kind: 'quarantine',
      reason: `sent from the channel's own domain (${mail.from.address}); not answered to avoid a loop`,
    };
  return {
    kind: 'accept',
    caseRef: caseIdFromRecipients([...mail.to, ...mail.cc], config.inquiryAddress),
    customer: { address: mail.from.address, name: mail.from.name },
  };
}

/**
 * Whether a referenced case belongs to the sender: only the customer who opened it continues it,
 * so a forwarded or guessed `+<caseId>` address never injects mail into someone else's case (the
 * sender gets a new case instead). Pure.
 */
export function sameCustomer(record: CaseRecord | undefined, sender: string): record is CaseRecord {
  return record !== undefined && record.customerAddress.toLowerCase() === sender.toLowerCase();
}

/**
 * Builds the gateway: for each mail SES stored under `inbound/`, parse, decide, then keep the
 * original `.eml` and the formatted JSON under `cases/<caseId>/<mailId>/`, record the mail in the
 * case (created when the `+<caseId>` alias names none), and start a task. Unusable mail is copied
 * to `quarantine/` and never throws; AWS errors throw, so Lambda retries the event (every step is
 * idempotent: same keys, a conditional record, the task's client token).
 */
export function createGatewayHandler(deps: GatewayDeps) {
  const now = deps.now ?? (() => new Date());

  const quarantine = async (ref: S3ObjectRef, raw: Buffer, reason: string): Promise<GatewayOutcome> => {
    const quarantineKey = `quarantine/${mailIdOf(ref.key)}.eml`;
    await deps.mail.put(quarantineKey, raw, 'message/rfc822');
    deps.logger.warn('Mail quarantined', { key: ref.key, quarantineKey, reason });
    return { key: ref.key, outcome: 'QUARANTINED', reason, quarantineKey };
  };

  const processOne = async (ref: S3ObjectRef): Promise<GatewayOutcome> => {
    if (ref.bucket !== deps.mail.bucket || !ref.key.startsWith('inbound/')) {
      deps.logger.warn('Object outside inbound/ ignored', { ...ref });
      return { key: ref.key, outcome: 'IGNORED', reason: 'not an inbound mail object' };
    }
    const raw = await deps.mail.get(ref.key);
    const parsed = await parseMail(raw);
    if (!parsed.ok) return quarantine(ref, raw, parsed.reason);
    const mail = parsed.mail;
    const decision = decideInbound(mail, deps.config);
    if (decision.kind === 'drop') {
      // The object stays under inbound/ (versioned, expired by the bucket's lifecycle) for inspection.
      deps.logger.warn('Mail dropped', { key: ref.key, reason: decision.reason });
      return { key: ref.key, outcome: 'DROPPED', reason: decision.reason };
    }
    if (decision.kind === 'quarantine') return quarantine(ref, raw, decision.reason);

    const referenced = decision.caseRef ? await deps.cases.get(decision.caseRef) : undefined;
    const existing = sameCustomer(referenced, decision.customer.address) ? referenced : undefined;
    if (decision.caseRef && !existing)
      deps.logger.warn(
        referenced
          ? 'Case address used by another sender; opening a new case'
          : 'Unknown case in the address; opening a new case',
        { key: ref.key, caseRef: decision.caseRef },
      );
    const caseId = existing?.caseId ?? caseIdForMail(ref.key);
    const receivedAt = now().toISOString();
    const { originalKey, formattedKey } = caseMailKeys(caseId, mailIdOf(ref.key));
    await deps.mail.put(originalKey, raw, 'message/rfc822');

    const body = stripQuotedHistory(mail.text);
    const insights = await deps.detect(body, deps.config);
    const formatted = formatMail({
      caseId,
      direction: 'INBOUND',
      mail,
      body,
      insights,
      receivedAt,
      originalKey,
    });
    await deps.mail.put(formattedKey, JSON.stringify(formatted, null, 2), 'application/json; charset=utf-8');

    const firstDelivery = await deps.cases.recordInbound(caseId, {
      customerAddress: decision.customer.address,
      customerName: decision.customer.name,
      mail: {
        originalKey,
        formattedKey,
        subject: mail.subject,
        receivedAt,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      },
      sourceKey: ref.key,
      at: receivedAt,
    });
    if (!firstDelivery)
      deps.logger.info('Mail already recorded (retried delivery)', { key: ref.key, caseId });

    const target = decideTaskTarget(existing);
    const contactId = await deps.startTask({
      caseId,
      customerAddress: decision.customer.address,
      customerName: decision.customer.name,
      subject: mail.subject,
      body,
      insights,
      target,
      originalKey,
      formattedKey,
      attachmentCount: mail.attachments.length,
      sourceKey: ref.key,
    });
    await deps.cases.recordTaskStarted(caseId, contactId, {
      at: now().toISOString(),
      type: 'TASK_STARTED',
      contactId,
      targetType: target.type,
      targetDestination: target.destination,
    });
    deps.logger.info('Task started', {
      key: ref.key,
      caseId,
      contactId,
      targetType: target.type,
      newCase: !existing,
    });
    return { key: ref.key, outcome: 'TASK_STARTED', caseId, contactId };
  };

  return async (event: unknown): Promise<GatewayOutcome[]> => {
    const refs = parseS3Event(event);
    if (refs.length === 0) deps.logger.warn('Event without S3 records ignored');
    const outcomes: GatewayOutcome[] = [];
    for (const ref of refs) outcomes.push(await processOne(ref));
    return outcomes;
  };
}
