import { readFile } from 'node:fs/promises';
import { lineLog } from '../adapters/observability/line-log';
import { InvalidInputError } from '../domain/errors';
import { type Log, silentLog } from '../ports/log';
import type { CliIo } from './cli-io';

/** A file the user named: its bytes, or an input error naming it. */
export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new InvalidInputError({
      rule: 'file.readable',
      message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      file,
    });
  }
}

/** The handlers' log on stderr with `--verbose` (with the record keys in force), silent otherwise. */
export function cliLog(io: CliIo, verbose: boolean): Log {
  if (!verbose) return silentLog;
  return lineLog((level, message, extra) => io.err(`${level}: ${message} ${JSON.stringify(extra)}`));
}
