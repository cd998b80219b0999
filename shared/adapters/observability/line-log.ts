import { AsyncLocalStorage } from 'node:async_hooks';
import { definedKeys, type Log } from '../../ports/log';

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * A `Log` that hands each line to `write` with the record keys in force merged into its extra
 * fields: what the CLI's `--verbose` prints and what tests record. The keys live in an
 * AsyncLocalStorage, so records worked on concurrently each keep their own.
 */
export function lineLog(
  write: (level: LogLevel, message: string, extra: Record<string, unknown>) => void,
): Log {
  const keys = new AsyncLocalStorage<Record<string, string | number>>();
  const line = (level: LogLevel) => (message: string, extra?: Record<string, unknown>) =>
    write(level, message, { ...keys.getStore(), ...extra });
  return {
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    withRecordKeys: (added, work) => keys.run({ ...keys.getStore(), ...definedKeys(added) }, work),
  };
}
