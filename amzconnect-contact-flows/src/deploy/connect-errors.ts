import { FlowFailure } from './run-report';

/**
 * Error names Connect uses for throttling. `LimitExceededException` is not one of them although
 * the SDK model gives it HTTP 429: it means a service quota (e.g. flows per instance) is full,
 * which no retry fixes (see `FlowQuotaExceededError`).
 */
const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException']);

/** Whether an error is Connect (or the SDK) saying "slow down". */
export function isThrottling(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'LimitExceededException') return false;
  return THROTTLING.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 429;
}

/**
 * Turns a failed write into a per-flow failure with Connect's own problem list:
 * `InvalidContactFlowException` carries `problems`, `InvalidContactFlowModuleException` carries
 * `Problems`; other errors contribute their message.
 */
export function flowFailure(kind: FlowFailure['kind'], name: string, err: unknown): FlowFailure {
  const e = err as { name?: string; message?: string; problems?: unknown; Problems?: unknown };
  const list = (
    Array.isArray(e?.problems) ? e.problems : Array.isArray(e?.Problems) ? e.Problems : []
  ) as unknown[];
  const problems = list.map((p) =>
    typeof p === 'string'
      ? p
      : String(
          (p as { message?: string; Message?: string }).message ??
            (p as { Message?: string }).Message ??
            JSON.stringify(p),
        ),
  );
  return {
    kind,
    name,
    error: e?.name ?? 'Error',
    message: e?.message ?? String(err),
    problems,
  };
}
