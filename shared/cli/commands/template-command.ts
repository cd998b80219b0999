import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { TemplateOptions } from './template-action';

export function registerTemplateCommand(program: Command, io: CliIo): void {
  program
    .command('template')
    .description(
      "write an office's progress workbook for a period: one row per key activity it reports on, pre-filled with its accepted answers of the previous period when there are some",
    )
    .requiredOption('--office <code>', 'office code, e.g. OFO (see `strategy-report catalog`)')
    .requiredOption('--period <YYYY-MM>', 'reporting period, e.g. 2026-10')
    .option('--out <file>', 'where to write the workbook (default: ./<OFFICE>-<YYYY-MM>.xlsx)')
    .option('--json', 'print the result as JSON')
    .action(async (options: TemplateOptions, command: Command) => {
      const { templateAction } = await import('./template-action');
      await templateAction(io, options, globalOptionsOf(command));
    });
}
