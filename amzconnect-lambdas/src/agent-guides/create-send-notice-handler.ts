import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { GuideResult } from './guide-answer';
import { parseGuideEvent } from './guide-event';
import { NoticeChannel, noticeKey } from './send-notice-key';
import { parseSendNoticeRequest, SendNoticeRequest } from './send-notice-request';

/** A single-channel send handler (e-mail or SMS), as {@link createSendEmailHandler} builds it. */
type ChannelHandler = (
  event: unknown,
  context?: { getRemainingTimeInMillis(): number },
) => Promise<FlatStringMap>;

/** What the both-channels handler is built from: the two single-channel handlers. */
export interface SendNoticeDeps {
  readonly sendEmail: ChannelHandler;
  readonly sendSms: ChannelHandler;
  readonly logger: LogSink;
}

/** One channel's outcome in a submission. */
export interface ChannelOutcome {
  /** `NOT_REQUESTED` when the agent left the recipient empty; `SENT` also when sent before. */
  readonly result: GuideResult | 'NOT_REQUESTED';
  readonly message: string;
  readonly messageId: string;
  /** The channel's idempotency key once it is sent (now or by an earlier submission), else ''. */
  readonly sentKey: string;
  /** Whether an earlier submission already sent this very notice (nothing was sent now). */
  readonly alreadySent: boolean;
}

/** The overall result of a both-channels submission. */
export type NoticeResult = GuideResult | 'PARTIAL';

/**
 * The overall result (pure): `SENT` when every requested channel is sent, `PARTIAL` when some
 * are and some are not, otherwise the channels' common result, or `FAILED` when they differ.
 */
export function combineNoticeOutcomes(email: ChannelOutcome, sms: ChannelOutcome): NoticeResult {
  const requested = [email, sms].filter((o) => o.result !== 'NOT_REQUESTED');
  const sent = requested.filter((o) => o.result === 'SENT');
  if (sent.length === requested.length) return 'SENT';
  if (sent.length > 0) return 'PARTIAL';
  const results = new Set(requested.map((o) => o.result));
  return results.size === 1 ? (requested[0].result as GuideResult) : 'FAILED';
}

const LABEL: Record<NoticeChannel, string> = { email: 'E-mail', sms: 'Text message' };

/**
 * The both-channels send handler: one submission sends the notice by e-mail and by SMS in
 * parallel, through the same single-channel handlers (their validation, configuration checks,
 * error classification and masked logs). Each channel is reported on its own (`EmailResult`,
 * `SmsResult`), so a partial failure says which channel to retry; a channel whose key matches the
 * key the flow passes back (`EmailSentKey`, `SmsSentKey`) is not sent again. It never throws.
 */
export function createSendNoticeHandler(deps: SendNoticeDeps) {
  return async (event: unknown, context?: { getRemainingTimeInMillis(): number }): Promise<FlatStringMap> => {
    const parsed = parseGuideEvent(event);
    if (!parsed.ok) return flat('INVALID_INPUT', parsed.answer.message, '');
    const request = parseSendNoticeRequest(parsed.event);
    if (!request.ok) {
      deps.logger.warn('Invalid notice request', {
        contactId: parsed.event.contactId,
        result: 'INVALID_INPUT',
        fields: request.answer.fields,
      });
      return flat('INVALID_INPUT', request.answer.message, (request.answer.fields ?? []).join(','));
    }
    const r = request.request;
    const [email, sms] = await Promise.all([
      channel(r, 'email', r.toAddress, (params) => deps.sendEmail(flowEvent(r, params), context)),
      channel(r, 'sms', r.toNumber, (params) => deps.sendSms(flowEvent(r, params), context)),
    ]);
    const result = combineNoticeOutcomes(email, sms);
    deps.logger.info('Notice submission', {
      contactId: r.contactId,
      result,
      email: email.result,
      sms: sms.result,
      emailAlreadySent: email.alreadySent,
      smsAlreadySent: sms.alreadySent,
    });
    const message = (['email', 'sms'] as const)
      .map((c) => [c, c === 'email' ? email : sms] as const)
      .filter(([, o]) => o.result !== 'NOT_REQUESTED')
      .map(([c, o]) => `${LABEL[c]}: ${o.message}`)
      .join(' ');
    return {
      ...flat(result, message, ''),
      EmailResult: email.result,
      EmailMessage: email.message,
      EmailMessageId: email.messageId,
      EmailSentKey: email.sentKey,
      SmsResult: sms.result,
      SmsMessage: sms.message,
      SmsMessageId: sms.messageId,
      SmsSentKey: sms.sentKey,
    };
  };
}

/** The keys every send function answers (`Result`, `Message`, `Field`, `MessageId`). */
function flat(result: NoticeResult, message: string, field: string): Record<string, string> {
  return { Result: result, Message: message, Field: field, MessageId: '' };
}

/** The event a single-channel handler expects, with this channel's recipient. */
function flowEvent(r: SendNoticeRequest, recipient: Record<string, string>) {
  return { Details: { ContactData: { ContactId: r.contactId }, Parameters: { ...r.fields, ...recipient } } };
}

async function channel(
  r: SendNoticeRequest,
  which: NoticeChannel,
  recipient: string | undefined,
  send: (params: Record<string, string>) => Promise<FlatStringMap>,
): Promise<ChannelOutcome> {
  if (recipient === undefined)
    return {
      result: 'NOT_REQUESTED',
      message: '',
      messageId: '',
      sentKey: r.sentKeys[which],
      alreadySent: false,
    };
  const key = noticeKey(r.contactId, which, recipient, r.fields);
  if (r.sentKeys[which] === key)
    return {
      result: 'SENT',
      message: 'Already sent with this submission; not sent again.',
      messageId: '',
      sentKey: key,
      alreadySent: true,
    };
  const answer = await send(which === 'email' ? { ToAddress: recipient } : { ToNumber: recipient });
  const result = answer.Result as GuideResult;
  return {
    result,
    message: answer.Message,
    messageId: answer.MessageId,
    sentKey: result === 'SENT' ? key : '',
    alreadySent: false,
  };
}
