import { reportDownloadPath } from '../../domain/audit/download-path';
import { parseReportVersion } from '../../domain/audit/report-version';
import { parsePeriod } from '../../domain/period';
import type { ReportFileFormat } from '../../domain/report/report-files';
import { fetchReportFiles } from '../../use-cases/fetch-report-files';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';
import { writeFilesUnder } from '../write-report-files';

export interface GetOptions {
  readonly version?: string;
  readonly format?: ReportFileFormat;
  readonly out: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export async function reportsGetAction(
  io: CliIo,
  periodText: string,
  options: GetOptions,
  globals: GlobalOptions,
): Promise<void> {
  const period = parsePeriod(periodText, { column: 'PERIOD' });
  const version = options.version === undefined ? undefined : parseReportVersion(options.version);
  const fetched = await withTargetDependencies(globals, (deps) =>
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
}
