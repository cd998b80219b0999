import { type Log, silentLog } from '../ports/log';
import type { CliIo } from './cli-io';

/** What the handlers log, on standard error with --verbose; nothing otherwise. */
export function cliLog(io: CliIo, verbose: boolean | undefined): Log {
  if (verbose !== true) return silentLog;
  const line = (level: string) => (message: string, extra?: Record<string, unknown>) =>
    io.err(`${level}: ${message} ${JSON.stringify(extra ?? {})}`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
