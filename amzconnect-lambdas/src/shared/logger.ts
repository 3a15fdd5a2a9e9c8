import { Logger } from '@aws-lambda-powertools/logger';

/** What handlers need from a logger; tests pass a recorder, Lambda the Powertools logger. */
export interface LogSink {
  info(message: string, ...extra: object[]): void;
  warn(message: string, ...extra: object[]): void;
  error(message: string, ...extra: object[]): void;
}

/**
 * The Powertools logger: structured JSON, service name and level from `POWERTOOLS_SERVICE_NAME`
 * and `POWERTOOLS_LOG_LEVEL` (set by the ConnectFunction construct).
 */
export function createLogger(): Logger {
  return new Logger();
}
