import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerLocalCommand(program: Command, io: CliIo): void {
  program
    .command('local')
    .description(
      'open the local stores of the data directory (DynamoDB- and S3-compatible servers on 127.0.0.1: those of a running `strategy-report serve`, else started for this command), create the table and buckets if they are missing, and show what they hold',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { localAction } = await import('./local-action');
      await localAction(io, options, globalOptionsOf(command));
    });
}
