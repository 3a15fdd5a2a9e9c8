/** What the engine logs through; Powertools' `Logger` and `console` both fit. */
export interface DeployLogger {
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

/** A logger that drops everything (tests, the bench). */
export const silentLogger: DeployLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
