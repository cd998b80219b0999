import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerRemindCommand(program: Command, io: CliIo): void {
  program
    .command('remind')
    .description(
      'e-mail every office that has not submitted for the period, now (the scheduled run does this only on the reminder days); each office is reminded at most once a day',
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const { remindAction } = await import('./remind-action');
      await remindAction(io, options, globalOptionsOf(command));
    });
}
