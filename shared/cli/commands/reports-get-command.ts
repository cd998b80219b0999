import { type Command, Option } from 'commander';
import { ALL_REPORT_FORMATS } from '../../domain/report/report-files';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { GetOptions } from './reports-get-action';

export function registerReportsGetCommand(reports: Command, io: CliIo): void {
  reports
    .command('get')
    .summary("download a report version's files, each checked against its manifest")
    .argument('<period>', 'the reporting period, YYYY-MM')
    .description(
      "download a report version's files into DIR/<period>/v<NNNN>/ under the names its manifest lists. Every file is checked against the manifest's SHA-256 (the manifest against the report index) before anything is written; on a mismatch nothing is written and the exit code is 2. Existing files are never replaced unless --force.",
    )
    .option('--version <n>', 'the report version (default: the latest)')
    .addOption(
      new Option(
        '--format <format>',
        'only this file (default: every file the manifest lists, and the manifest)',
      ).choices([...ALL_REPORT_FORMATS]),
    )
    .requiredOption('--out <dir>', 'the directory to write into (created if missing)')
    .option('--force', 'replace files that already exist')
    .option('--json', 'print what was written as JSON')
    .action(async (periodText: string, options: GetOptions, command: Command) => {
      const { reportsGetAction } = await import('./reports-get-action');
      await reportsGetAction(io, periodText, options, globalOptionsOf(command));
    });
}
