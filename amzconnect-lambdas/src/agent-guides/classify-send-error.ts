import { GuideAnswer } from './guide-answer';

/** What a failed SDK call tells us: the error's name, and for End User Messaging its `Reason`. */
export interface SendError {
  readonly name: string;
  readonly reason?: string;
  /** The service's message; used only to recognise "not verified" rejections, never returned. */
  readonly message?: string;
}

/** The answer when this environment cannot send: missing settings, or the service says so. */
export const NOT_CONFIGURED_ANSWER: GuideAnswer = {
  result: 'NOT_CONFIGURED',
  message:
    'Sending is not set up for this environment; ask an administrator (the details are in the function log).',
};
const RETRY = 'The message could not be sent right now; try again in a minute.';

/** SES v2 errors that mean the sender, template or configuration set is missing or unusable. */
const SES_SETUP = new Set([
  'NotFoundException',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'AccessDeniedException',
]);

/** End User Messaging SMS errors that mean the origination identity or its permissions are missing. */
const SMS_SETUP = new Set(['ResourceNotFoundException', 'AccessDeniedException']);

/** Maps an SES v2 `SendEmail` failure to the answer the flow branches on (pure). */
export function classifyEmailError(err: SendError): GuideAnswer {
  if (
    SES_SETUP.has(err.name) ||
    (err.name === 'MessageRejected' && /not verified/i.test(err.message ?? ''))
  ) {
    return NOT_CONFIGURED_ANSWER;
  }
  if (err.name === 'MessageRejected') {
    return {
      result: 'FAILED',
      message: 'Amazon SES rejected the message; check the address with the customer.',
    };
  }
  return { result: 'FAILED', message: RETRY };
}

/** Maps an End User Messaging `SendTextMessage` failure to the answer the flow branches on (pure). */
export function classifySmsError(err: SendError): GuideAnswer {
  if (err.name === 'ConflictException' && err.reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT') {
    return {
      result: 'OPTED_OUT',
      message: 'The customer opted out of text messages from us; send the notice by e-mail.',
    };
  }
  if (SMS_SETUP.has(err.name)) return NOT_CONFIGURED_ANSWER;
  if (err.name === 'ValidationException') {
    return {
      result: 'FAILED',
      message:
        'The number cannot receive this text (country or number type not supported); send the notice by e-mail.',
    };
  }
  return { result: 'FAILED', message: RETRY };
}

/** The parts of a thrown SDK error {@link classifyEmailError} and {@link classifySmsError} read. */
export function sendErrorOf(err: unknown): SendError {
  const e = (err ?? {}) as { name?: unknown; Reason?: unknown; message?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    reason: typeof e.Reason === 'string' ? e.Reason : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
  };
}
