import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerRemindCommand(program: Command, io: CliIo): void {
  program
    .command('remind')
    .description(
      'e-mail every office that has not submitted for the period its workbook, now, with reply instructions (the scheduled run sends the open-period e-mail on the first day of the submission window and reminders on the reminder days); each office is reminded at most once a day',
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--open', 'send the open-period e-mail (once per office and period) instead of a reminder')
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; open?: boolean; json?: boolean }, command: Command) => {
      const { remindAction } = await import('./remind-action');
      await remindAction(io, options, globalOptionsOf(command));
    });
}
