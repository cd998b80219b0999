import type { Log } from '../../../shared/ports/log';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

/** Keeps every line logged, so a test can check what was said about a record. */
export class RecordingLog implements Log {
  readonly lines: LogLine[] = [];

  info(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, ...(extra ? { extra } : {}) });
  }

  warn(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, ...(extra ? { extra } : {}) });
  }

  error(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, ...(extra ? { extra } : {}) });
  }
}
