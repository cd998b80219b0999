import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description(
      'show, for each office, whether it submitted for the period: current revision, when and by whom, rows, rejected uploads; how many uploads of the period were stored but never processed (see reconcile); then the e-mail received in the submission window that was refused or ignored, and every answer that could not be delivered',
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the status as JSON')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const { statusAction } = await import('./status-action');
      await statusAction(io, options, globalOptionsOf(command));
    });
}
