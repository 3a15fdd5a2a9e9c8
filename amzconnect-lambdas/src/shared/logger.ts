import { Logger } from '@aws-lambda-powertools/logger';

/** What handlers need from a logger; tests pass a recorder, Lambda the Powertools logger. */
export interface LogSink {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

/**
 * The Powertools logger: structured JSON, service name and level from `POWERTOOLS_SERVICE_NAME`
 * and `POWERTOOLS_LOG_LEVEL` (set by the PlatformFunction construct).
 */
export function createLogger(): Logger {
  return new Logger();
}
