import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { DemoOptions } from './demo-action';

/**
 * `strategy-report demo` (what `npm start` runs): the whole pipeline on this machine, on a year of
 * generated submissions, ending with where to look.
 */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'run the whole pipeline locally on a year of realistic submissions: every office gets its workbook by e-mail when the period opens; two offices reply to that e-mail with it filled in (intake, ingest, answer in the thread), the others upload it (one late, one silent month, one rejected then corrected), and one spoofed message is refused; reminders, monthly rollup, render and leadership e-mail; verifies the report chain and prints where the latest PDF, workbook, HTML brief and e-mails are. Safe to run again: it skips what is done',
    )
    .option(
      '--last-period <YYYY-MM>',
      'the last month of the year played (default: last month in the configured time zone)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: DemoOptions, command: Command) => {
      const { demoAction } = await import('./demo-action');
      await demoAction(io, options, globalOptionsOf(command));
    });
}
