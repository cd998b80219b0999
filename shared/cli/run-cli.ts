import { CommanderError } from 'commander';
import { formatProblem, IntegrityError, InvalidInputError, NotFoundError } from '../domain/errors';
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
    if (error instanceof InvalidInputError) {
      for (const problem of error.problems) io.err(`error: ${formatProblem(problem)}`);
      if (verbose) io.err(error.stack ?? '');
      return EXIT.invalidInput;
    }
    if (error instanceof NotFoundError || error instanceof IntegrityError) {
      io.err(`error: ${error.message}`);
      if (verbose) io.err(error.stack ?? '');
      return EXIT.invalidInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}`);
    if (verbose && error instanceof Error) io.err(error.stack ?? '');
    return EXIT.failure;
  }
}
