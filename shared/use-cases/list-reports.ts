import { InvalidInputError } from '../domain/errors';
import { comparePeriods, FIRST_PERIOD, LAST_PERIOD, type Period } from '../domain/period';
import type { ReportIndex, ReportRecord } from '../ports/report-index';

/**
 * Every published report version from `from` to `to` (default: all), by period then version,
 * as the report index records them: one Query of the index, no object is read.
 */
export async function listReports(
  ports: { readonly reportIndex: ReportIndex },
  request: { readonly from?: Period; readonly to?: Period },
): Promise<{ from: Period; to: Period; reports: ReportRecord[] }> {
  const from = request.from ?? FIRST_PERIOD;
  const to = request.to ?? LAST_PERIOD;
  if (comparePeriods(from, to) > 0)
    throw new InvalidInputError({
      rule: 'reports.range',
      message: `--from ${from} is after --to ${to}`,
      column: '--from',
    });
  return { from, to, reports: await ports.reportIndex.inRange(from, to) };
}
