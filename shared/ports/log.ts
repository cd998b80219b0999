/** Keys that describe the record being worked on (`submissionId`, `office`, `period`, a mail's `messageId`). */
export type LogKeys = Readonly<Record<string, string | number | undefined>>;

/**
 * Structured logging as use cases and handlers see it. In AWS it is Powertools' Logger (JSON lines
 * with the Lambda context: shared/adapters/observability); the CLI passes `silentLog` or a line
 * writer, tests a collector.
 */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  /**
   * Runs `work` with `keys` on every line logged meanwhile — a record's keys, so every line about
   * it can be found by them — and removes them afterwards, whatever happens. Undefined keys are left out.
   */
  withRecordKeys<T>(keys: LogKeys, work: () => Promise<T>): Promise<T>;
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  error: () => {},
  withRecordKeys: (_keys, work) => work(),
};

/** The keys that have a value. */
export function definedKeys(keys: LogKeys): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(keys).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
  );
}
