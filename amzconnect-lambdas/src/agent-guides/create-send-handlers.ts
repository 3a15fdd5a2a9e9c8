import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { EmailConfig, missingEmailSettings, missingSmsSettings, SmsConfig } from './agent-guides-config';
import {
  classifyEmailError,
  classifySmsError,
  NOT_CONFIGURED_ANSWER,
  sendErrorOf,
} from './classify-send-error';
import { toFlowResult } from './guide-answer';
import { parseGuideEvent } from './guide-event';
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

/**
 * The send-email handler: parse and validate, check the environment is configured, send, and
 * answer a flat map the flow branches on. It never throws; log lines carry the contact id, the
 * result and a masked address, never the address, the name or the reference.
 */
export function createSendEmailHandler(deps: SendEmailDeps) {
  return async (event: unknown, context?: InvocationContext): Promise<FlatStringMap> => {
    const parsed = parseGuideEvent(event);
    if (!parsed.ok) {
      deps.logger.warn('Not a flow event', { result: parsed.answer.result });
      return toFlowResult(parsed.answer);
    }
    const { contactId } = parsed.event;
    const request = parseSendEmailRequest(parsed.event);
    if (!request.ok) {
      deps.logger.warn('Invalid e-mail request', {
        contactId,
        result: 'INVALID_INPUT',
        fields: request.answer.fields,
      });
      return toFlowResult(request.answer);
    }
    const missing = missingEmailSettings(deps.config);
    const { fromAddress, template, configurationSet } = deps.config;
    if (missing.length > 0 || !fromAddress || !template) {
      deps.logger.warn('E-mail is not configured in this environment', {
        contactId,
        result: 'NOT_CONFIGURED',
        missing,
      });
      return toFlowResult(NOT_CONFIGURED_ANSWER);
    }
    const to = maskEmail(request.request.toAddress);
    try {
      const messageId = await deps.send(
        { fromAddress, template, configurationSet },
        request.request,
        budget(context),
      );
      deps.logger.info('Cancellation notice e-mailed', { contactId, result: 'SENT', to, messageId });
      return toFlowResult({ result: 'SENT', message: 'The cancellation notice was e-mailed.', messageId });
    } catch (err) {
      const error = sendErrorOf(err);
      const answer = classifyEmailError(error);
      deps.logger.error('Amazon SES did not send the notice', {
        contactId,
        result: answer.result,
        to,
        error: error.name,
      });
      return toFlowResult(answer);
    }
  };
}

/** The send-SMS handler: the same contract as {@link createSendEmailHandler}, for texts. */
export function createSendSmsHandler(deps: SendSmsDeps) {
  return async (event: unknown, context?: InvocationContext): Promise<FlatStringMap> => {
    const parsed = parseGuideEvent(event);
    if (!parsed.ok) {
      deps.logger.warn('Not a flow event', { result: parsed.answer.result });
      return toFlowResult(parsed.answer);
    }
    const { contactId } = parsed.event;
    const request = parseSendSmsRequest(parsed.event);
    if (!request.ok) {
      deps.logger.warn('Invalid SMS request', {
        contactId,
        result: 'INVALID_INPUT',
        fields: request.answer.fields,
      });
      return toFlowResult(request.answer);
    }
    const missing = missingSmsSettings(deps.config);
    const { originationIdentity, messageTemplate, configurationSet } = deps.config;
    if (missing.length > 0 || !originationIdentity || !messageTemplate) {
      deps.logger.warn('SMS is not configured in this environment', {
        contactId,
        result: 'NOT_CONFIGURED',
        missing,
      });
      return toFlowResult(NOT_CONFIGURED_ANSWER);
    }
    const to = maskPhone(request.request.toNumber);
    try {
      const messageId = await deps.send(
        { originationIdentity, messageTemplate, configurationSet },
        request.request,
        budget(context),
      );
      deps.logger.info('Cancellation notice texted', { contactId, result: 'SENT', to, messageId });
      return toFlowResult({
        result: 'SENT',
        message: 'The cancellation notice was sent by text message.',
        messageId,
      });
    } catch (err) {
      const error = sendErrorOf(err);
      const answer = classifySmsError(error);
      deps.logger.error('AWS End User Messaging did not send the notice', {
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
