/** Settings of the customer lookup, from its environment. */
export interface CustomerLookupConfig {
  /** Name of the supporting-infra customer table (`CUSTOMER_TABLE_NAME`). */
  readonly tableName: string;
  /** Milliseconds to wait for DynamoDB before answering "not found" (`LOOKUP_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /**
   * Whether each lookup also records the call date in the table (`RECORD_CALLS=true`). The
   * reference solution only reads; recording is this platform's option. @default false
   */
  readonly recordCalls: boolean;
}

/** Used when `LOOKUP_TIMEOUT_MS` is not set: well under Connect's 8-second limit, cold start included. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 2000;

/** The configuration, or the reason it is unusable. */
export type ConfigResult =
  | { readonly ok: true; readonly config: CustomerLookupConfig }
  | { readonly ok: false; readonly problem: string };

/** Reads the configuration from an environment (pure; the handler calls it once, at cold start). */
export function readCustomerLookupConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const tableName = env.CUSTOMER_TABLE_NAME?.trim();
  if (!tableName)
    return {
      ok: false,
      problem: 'CUSTOMER_TABLE_NAME is not set; the stack sets it from the customer table SSM parameter.',
    };
  const rawTimeout = env.LOOKUP_TIMEOUT_MS?.trim();
  const timeoutMs = rawTimeout ? Number(rawTimeout) : DEFAULT_LOOKUP_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 7000) {
    return {
      ok: false,
      problem: `LOOKUP_TIMEOUT_MS "${rawTimeout}" must be a whole number of milliseconds from 50 to 7000.`,
    };
  }
  const rawRecord = env.RECORD_CALLS?.trim() ?? '';
  if (!['', 'true', 'false'].includes(rawRecord))
    return { ok: false, problem: `RECORD_CALLS "${rawRecord}" must be "true" or "false".` };
  return { ok: true, config: { tableName, timeoutMs, recordCalls: rawRecord === 'true' } };
}
