/**
 * Structured logging as use cases and handlers see it. Powertools' Logger satisfies it in AWS;
 * the CLI and tests pass `silentLog` or a collector.
 */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
