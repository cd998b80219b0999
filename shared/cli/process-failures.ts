import type { CliIo } from './cli-io';
import { reportFailure } from './run-cli';

/**
 * Errors no command's code can catch — thrown in a library's callback (a server's request
 * handler, a timer, a stream event) or a promise nobody awaited — end the process as every other
 * failure does: one line (the stack trace only with --verbose), exit 1 or 2. The operating system
 * then releases the data directory's lock, and the owner record goes with the process's exit hook.
 */
export function exitOnUncaughtFailures(
  io: CliIo,
  verbose: boolean,
  exit: (code: number) => never = (code) => process.exit(code),
): void {
  const fail = (error: unknown) => exit(reportFailure(error, io, verbose));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}
