import type { Command } from 'commander';
import { Option } from 'commander';
import { parseUrlExpiry } from '../../domain/audit/presign-expiry';
import { parseReportVersion } from '../../domain/audit/report-version';
import { parsePeriod } from '../../domain/period';
import type { ReportFileFormat } from '../../domain/report/report-files';
import { ALL_REPORT_FORMATS } from '../../use-cases/fetch-report-files';
import { reportDownloadUrl } from '../../use-cases/report-download-url';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withTargetDependencies } from '../global-options';

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
        const period = parsePeriod(periodText, { column: 'PERIOD' });
        const version = options.version === undefined ? undefined : parseReportVersion(options.version);
        const expiresInSeconds = parseUrlExpiry(options.expires);
        const result = await withTargetDependencies(globalOptionsOf(command), (deps) =>
          reportDownloadUrl(deps, {
            period,
            ...(version !== undefined ? { version } : {}),
            format: options.format,
            expiresInSeconds,
          }),
        );
        if (options.json) printJson(io, result);
        else io.out(result.url);
      },
    );
}
