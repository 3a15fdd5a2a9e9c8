import { LogSink } from '../../src/shared/logger';

/** One recorded log line. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra: Record<string, unknown>;
}

/** A logger that keeps its lines, so tests can assert that a failure was logged. */
export function recordingLogger(): LogSink & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, ...attributes: Record<string, unknown>[]) =>
      lines.push({ level, message, extra: Object.assign({}, ...attributes) as Record<string, unknown> });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
