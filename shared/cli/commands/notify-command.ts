import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerNotifyCommand(program: Command, io: CliIo): void {
  program
    .command('notify')
    .description(
      "e-mail a period's latest report to the leadership list (config mail.leadership), PDF attached, workbook attached or linked; each report version is mailed once (locally: an .eml file in the outbox)",
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const { notifyAction } = await import('./notify-action');
      await notifyAction(io, options, globalOptionsOf(command));
    });
}
