import { CommanderError } from 'commander';
import { formatProblem, IntegrityError, InvalidInputError, NotFoundError } from '../domain/errors';
import { DataDirectoryBusyError } from '../local/data-directory-busy-error';
import { type CliIo, processIo } from './cli-io';
import { EXIT } from './exit-codes';
import { buildProgram } from './program';

/**
 * Runs the CLI and returns its exit code. Errors are one clear line each; stack traces only with
 * --verbose. Input errors, things not found and stored data that fails its hash check exit 2;
 * anything else 1.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; usage mistakes are invalid input.
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code))
        return EXIT.success;
      return error.exitCode === 0 ? EXIT.success : EXIT.invalidInput;
    }
    return reportFailure(error, io, verbose);
  }
}

/**
 * Says what went wrong in one line (the stack trace after it with --verbose) and returns the exit
 * code; for errors from a command and for those nothing caught (process-failures.ts).
 */
export function reportFailure(error: unknown, io: CliIo, verbose: boolean): number {
  const trace = () => {
    if (verbose && error instanceof Error) io.err(error.stack ?? '');
  };
  if (error instanceof InvalidInputError) {
    for (const problem of error.problems) io.err(`error: ${formatProblem(problem)}`);
    trace();
    return EXIT.invalidInput;
  }
  if (error instanceof NotFoundError || error instanceof IntegrityError) {
    io.err(`error: ${error.message}`);
    trace();
    return EXIT.invalidInput;
  }
  if (error instanceof DataDirectoryBusyError) {
    // The message already says what to do; a trace would not help.
    io.err(`error: ${error.message}`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`error: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}`);
  trace();
  return EXIT.failure;
}
