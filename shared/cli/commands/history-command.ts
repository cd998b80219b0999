import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerHistoryCommand(program: Command, io: CliIo): void {
  program
    .command('history')
    .description(
      "every submission attempt of an office for a period, accepted, duplicate or rejected, oldest first: when, by whom, the upload's SHA-256, size and key, the revision it became or the number of problems (--json lists the problems). Read-only; works with --target aws --stack NAME.",
    )
    .requiredOption('--office <code>', 'office code, e.g. OFO')
    .requiredOption('--period <YYYY-MM>', 'the reporting period')
    .option('--json', 'print the attempts, with every problem, as JSON')
    .action(async (options: { office: string; period: string; json?: boolean }, command: Command) => {
      const { historyAction } = await import('./history-action');
      await historyAction(io, options, globalOptionsOf(command));
    });
}
