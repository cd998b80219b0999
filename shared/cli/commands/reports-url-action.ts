import { parseUrlExpiry } from '../../domain/audit/presign-expiry';
import { parseReportVersion } from '../../domain/audit/report-version';
import { parsePeriod } from '../../domain/period';
import type { ReportFileFormat } from '../../domain/report/report-files';
import { reportDownloadUrl } from '../../use-cases/report-download-url';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export async function reportsUrlAction(
  io: CliIo,
  periodText: string,
  options: { version?: string; format: ReportFileFormat; expires?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const period = parsePeriod(periodText, { column: 'PERIOD' });
  const version = options.version === undefined ? undefined : parseReportVersion(options.version);
  const expiresInSeconds = parseUrlExpiry(options.expires);
  const result = await withTargetDependencies(globals, (deps) =>
    reportDownloadUrl(deps, {
      period,
      ...(version !== undefined ? { version } : {}),
      format: options.format,
      expiresInSeconds,
    }),
  );
  if (options.json) printJson(io, result);
  else io.out(result.url);
}
