import { type Command, Option } from 'commander';
import type { ReportFileFormat } from '../../domain/report/report-files';
import { ALL_REPORT_FORMATS } from '../../domain/report/report-files';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerReportsUrlCommand(reports: Command, io: CliIo): void {
  reports
    .command('url')
    .summary('a presigned download link (1 hour by default, 7 days at most)')
    .argument('<period>', 'the reporting period, YYYY-MM')
    .description(
      'print a presigned download link to one file of a report version (--json adds its key, SHA-256 and expiry). The link is signed with your credentials: it stops working when they do (an assumed-role session), even before --expires.',
    )
    .option('--version <n>', 'the report version (default: the latest)')
    .addOption(new Option('--format <format>', 'which file').choices([...ALL_REPORT_FORMATS]).default('pdf'))
    .option('--expires <seconds>', 'how long the link works, 1 to 604800 (7 days)', '3600')
    .option('--json', 'print the link with its key, SHA-256 and expiry as JSON')
    .action(
      async (
        periodText: string,
        options: { version?: string; format: ReportFileFormat; expires?: string; json?: boolean },
        command: Command,
      ) => {
        const { reportsUrlAction } = await import('./reports-url-action');
        await reportsUrlAction(io, periodText, options, globalOptionsOf(command));
      },
    );
}
