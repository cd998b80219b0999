import type { Command } from 'commander';
import { runNotify } from '../../entries/notify-entry';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';
import { PERIOD_OPTION_HELP, periodInput } from '../period-option';

export function registerNotifyCommand(program: Command, io: CliIo): void {
  program
    .command('notify')
    .description(
      "e-mail a period's latest report to the leadership list (config mail.leadership), PDF attached, workbook attached or linked; each report version is mailed once (locally: an .eml file in the outbox)",
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const request = periodInput(options.period);
      const result = await withLocalDependencies(globalOptionsOf(command), (deps, runtime) =>
        runNotify(deps, request).then((outcome) => ({
          ...outcome,
          outbox: runtime.outboxDirectory,
        })),
      );
      if (options.json) {
        printJson(io, result);
        return;
      }
      const version = `v${String(result.version).padStart(4, '0')}`;
      io.out(
        result.outcome === 'already-sent'
          ? `${result.period}: report ${version} was already mailed to ${result.recipients.join(', ')} at ${result.sentAt}; nothing sent.`
          : `${result.period}: mailed report ${version} to ${result.recipients.join(', ')} (PDF attached, workbook ${result.workbook}); outbox ${result.outbox}`,
      );
    });
}
