import type { Command } from 'commander';
import { Option } from 'commander';
import { reportDownloadPath } from '../../domain/audit/download-path';
import { parseReportVersion } from '../../domain/audit/report-version';
import { parsePeriod } from '../../domain/period';
import type { ReportFileFormat } from '../../domain/report/report-files';
import { ALL_REPORT_FORMATS, fetchReportFiles } from '../../use-cases/fetch-report-files';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withTargetDependencies } from '../global-options';
import { writeFilesUnder } from '../write-report-files';

interface GetOptions {
  readonly version?: string;
  readonly format?: ReportFileFormat;
  readonly out: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

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
      const period = parsePeriod(periodText, { column: 'PERIOD' });
      const version = options.version === undefined ? undefined : parseReportVersion(options.version);
      const fetched = await withTargetDependencies(globalOptionsOf(command), (deps) =>
        fetchReportFiles(deps, {
          period,
          ...(version !== undefined ? { version } : {}),
          ...(options.format ? { formats: [options.format] } : {}),
        }),
      );
      const { record } = fetched;
      const paths = await writeFilesUnder(
        options.out,
        fetched.files.map((file) => ({
          segments: reportDownloadPath(record.period, record.version, file.name),
          bytes: file.bytes,
        })),
        { force: options.force === true },
      );
      const written = fetched.files.map((file, index) => ({
        name: file.name,
        path: paths[index] as string,
        key: file.key,
        size: file.size,
        sha256: file.sha256,
      }));
      if (options.json) {
        printJson(io, {
          period: record.period,
          version: record.version,
          sequence: record.sequence,
          files: written,
        });
        return;
      }
      io.out(
        [
          `${record.period} v${String(record.version).padStart(4, '0')} (#${record.sequence}): ${written.length} file${written.length === 1 ? '' : 's'} checked against the manifest and written`,
          ...written.map((file) => `  ${file.path}  ${file.size} bytes  sha256 ${file.sha256}`),
        ].join('\n'),
      );
    });
}
