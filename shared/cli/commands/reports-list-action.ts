import { reportLabel } from '../../domain/audit/audit-finding';
import { parsePeriod } from '../../domain/period';
import { listReports } from '../../use-cases/list-reports';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export async function reportsListAction(
  io: CliIo,
  options: { from?: string; to?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const from = options.from === undefined ? undefined : parsePeriod(options.from, { column: '--from' });
  const to = options.to === undefined ? undefined : parsePeriod(options.to, { column: '--to' });
  const result = await withTargetDependencies(globals, (deps) =>
    listReports(deps, { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
  );
  if (options.json) {
    printJson(io, result.reports);
    return;
  }
  const range = from || to ? ` from ${result.from} to ${result.to}` : '';
  if (result.reports.length === 0) {
    io.out(`no reports${range}`);
    return;
  }
  io.out(
    [
      `${result.reports.length} report version${result.reports.length === 1 ? '' : 's'}${range}:`,
      ...result.reports.map(
        (record) =>
          `  ${reportLabel(record.period, record.version)}  #${record.sequence}  generated ${record.generatedAt}  published ${record.publishedAt}  manifest sha256 ${record.manifestSha256}`,
      ),
    ].join('\n'),
  );
}
