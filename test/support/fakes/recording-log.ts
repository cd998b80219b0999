import { lineLog } from '../../../shared/adapters/observability/line-log';
import type { Log, LogKeys } from '../../../shared/ports/log';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  /** The line's extra fields, with the record keys in force merged in. */
  readonly extra?: Record<string, unknown>;
}

/** Keeps every line logged, so a test can check what was said about a record (and under which keys). */
export class RecordingLog implements Log {
  readonly lines: LogLine[] = [];
  private readonly log = lineLog((level, message, extra) =>
    this.lines.push({ level, message, ...(Object.keys(extra).length > 0 ? { extra } : {}) }),
  );

  info(message: string, extra?: Record<string, unknown>): void {
    this.log.info(message, extra);
  }

  warn(message: string, extra?: Record<string, unknown>): void {
    this.log.warn(message, extra);
  }

  error(message: string, extra?: Record<string, unknown>): void {
    this.log.error(message, extra);
  }

  withRecordKeys<T>(keys: LogKeys, work: () => Promise<T>): Promise<T> {
    return this.log.withRecordKeys(keys, work);
  }
}
