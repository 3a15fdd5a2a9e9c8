import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { EmailConfig, missingEmailSettings, missingSmsSettings, SmsConfig } from './agent-guides-config';
import {
  classifyEmailError,
  classifySmsError,
  NOT_CONFIGURED_ANSWER,
  SendError,
  sendErrorOf,
} from './classify-send-error';
import { GuideAnswer, toFlowResult } from './guide-answer';
import { GuideEvent, parseGuideEvent } from './guide-event';
import { maskEmail, maskPhone } from './mask';
import { parseSendEmailRequest, SendEmailRequest } from './send-email-request';
import { EmailSender } from './send-notice-email';
import { SmsSender } from './send-notice-sms';
import { parseSendSmsRequest, SendSmsRequest } from './send-sms-request';

/** The part of the Lambda context the handlers use. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back from the function's timeout so an answer always reaches the flow. */
const SAFETY_MARGIN_MS = 300;

/** What the send-email handler is built from. */
export interface SendEmailDeps {
  readonly config: EmailConfig;
  readonly send: (sender: EmailSender, request: SendEmailRequest, signal: AbortSignal) => Promise<string>;
  readonly logger: LogSink;
}

/** What the send-SMS handler is built from. */
export interface SendSmsDeps {
  readonly config: SmsConfig;
  readonly send: (sender: SmsSender, request: SendSmsRequest, signal: AbortSignal) => Promise<string>;
  readonly logger: LogSink;
}

function budget(context: InvocationContext | undefined): AbortSignal {
  const remaining = context ? context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS : 5000;
  return AbortSignal.timeout(Math.max(1, remaining));
}

/** What differs between the two send functions; the flow contract and the log rules are shared. */
interface SendChannel<Request, Sender> {
  /** Word used in log lines, e.g. `e-mail`. */
  readonly label: string;
  /** Validates the flow parameters (pure). */
  readonly parse: (event: GuideEvent) => { ok: true; request: Request } | { ok: false; answer: GuideAnswer };
  /** The sender settings, or the names of the missing ones. */
  readonly sender: () => { sender?: Sender; missing: readonly string[] };
  /** The recipient, masked for logs. */
  readonly maskedRecipient: (request: Request) => string;
  readonly send: (sender: Sender, request: Request, signal: AbortSignal) => Promise<string>;
  readonly classify: (error: SendError) => GuideAnswer;
  /** Log line and agent message on success. */
  readonly sentLog: string;
  readonly sentMessage: string;
  /** Log line when the service refuses. */
  readonly failedLog: string;
}

/**
 * One send handler: parse and validate, check the environment is configured, send, and answer a
 * flat map the flow branches on. It never throws; log lines carry the contact id, the result and
 * a masked recipient, never the address or number, the name or the reference.
 */
function createSendHandler<Request, Sender>(channel: SendChannel<Request, Sender>, logger: LogSink) {
  return async (event: unknown, context?: InvocationContext): Promise<FlatStringMap> => {
    const parsed = parseGuideEvent(event);
    if (!parsed.ok) {
      logger.warn('Not a flow event', { result: parsed.answer.result });
      return toFlowResult(parsed.answer);
    }
    const { contactId } = parsed.event;
    const request = channel.parse(parsed.event);
    if (!request.ok) {
      logger.warn(`Invalid ${channel.label} request`, {
        contactId,
        result: 'INVALID_INPUT',
        fields: request.answer.fields,
      });
      return toFlowResult(request.answer);
    }
    const { sender, missing } = channel.sender();
    if (missing.length > 0 || !sender) {
      logger.warn(`${channel.label} is not configured in this environment`, {
        contactId,
        result: 'NOT_CONFIGURED',
        missing,
      });
      return toFlowResult(NOT_CONFIGURED_ANSWER);
    }
    const to = channel.maskedRecipient(request.request);
    try {
      const messageId = await channel.send(sender, request.request, budget(context));
      logger.info(channel.sentLog, { contactId, result: 'SENT', to, messageId });
      return toFlowResult({ result: 'SENT', message: channel.sentMessage, messageId });
    } catch (err) {
      const error = sendErrorOf(err);
      const answer = channel.classify(error);
      logger.error(channel.failedLog, {
        contactId,
        result: answer.result,
        to,
        error: error.name,
        reason: error.reason,
      });
      return toFlowResult(answer);
    }
  };
}

/** The send-email handler (Amazon SES v2 template). */
export function createSendEmailHandler(deps: SendEmailDeps) {
  const { fromAddress, template, configurationSet } = deps.config;
  return createSendHandler<SendEmailRequest, EmailSender>(
    {
      label: 'E-mail',
      parse: parseSendEmailRequest,
      sender: () => ({
        missing: missingEmailSettings(deps.config),
        sender: fromAddress && template ? { fromAddress, template, configurationSet } : undefined,
      }),
      maskedRecipient: (r) => maskEmail(r.toAddress),
      send: deps.send,
      classify: classifyEmailError,
      sentLog: 'Cancellation notice e-mailed',
      sentMessage: 'The cancellation notice was e-mailed.',
      failedLog: 'Amazon SES did not send the notice',
    },
    deps.logger,
  );
}

/** The send-SMS handler (AWS End User Messaging SMS): the same contract as {@link createSendEmailHandler}. */
export function createSendSmsHandler(deps: SendSmsDeps) {
  const { originationIdentity, messageTemplate, configurationSet } = deps.config;
  return createSendHandler<SendSmsRequest, SmsSender>(
    {
      label: 'SMS',
      parse: parseSendSmsRequest,
      sender: () => ({
        missing: missingSmsSettings(deps.config),
        sender:
          originationIdentity && messageTemplate
            ? { originationIdentity, messageTemplate, configurationSet }
            : undefined,
      }),
      maskedRecipient: (r) => maskPhone(r.toNumber),
      send: deps.send,
      classify: classifySmsError,
      sentLog: 'Cancellation notice texted',
      sentMessage: 'The cancellation notice was sent by text message.',
      failedLog: 'AWS End User Messaging did not send the notice',
    },
    deps.logger,
  );
}
