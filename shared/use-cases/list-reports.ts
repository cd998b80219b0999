import { InvalidInputError } from '../domain/errors';
import { FIRST_PERIOD, LAST_PERIOD } from '../domain/period';
import {
  FIRST_REPORT_PERIOD,
  LAST_REPORT_PERIOD,
  type QuarterKey,
  type ReportPeriod,
  reportKindOf,
} from '../domain/report/report-period';
import type { ReportIndex, ReportRecord } from '../ports/report-index';

const FIRST_QUARTER = 'FY2001-Q1' as QuarterKey;

/**
 * Every published report version from `from` to `to`, by period then version, as the report index
 * records them: one Query of the index, no object is read. Without bounds, every monthly report
 * and then every quarterly review pack; bounds that are months list monthly reports, bounds that
 * are quarters (`FY2027-Q1`) list review packs.
 */
export async function listReports(
  ports: { readonly reportIndex: ReportIndex },
  request: { readonly from?: ReportPeriod; readonly to?: ReportPeriod },
): Promise<{ from: ReportPeriod; to: ReportPeriod; reports: ReportRecord[] }> {
  const bound = request.from ?? request.to;
  const kind = bound === undefined ? undefined : reportKindOf(bound);
  const from =
    request.from ??
    (kind === undefined ? FIRST_REPORT_PERIOD : kind === 'monthly' ? FIRST_PERIOD : FIRST_QUARTER);
  const to =
    request.to ??
    (kind === undefined ? LAST_REPORT_PERIOD : kind === 'monthly' ? LAST_PERIOD : LAST_REPORT_PERIOD);
  if (request.from && request.to && reportKindOf(request.from) !== reportKindOf(request.to))
    throw new InvalidInputError({
      rule: 'reports.range',
      message: `--from ${from} and --to ${to} are not both months (YYYY-MM) or both fiscal quarters (FY<year>-Q<1-4>)`,
      column: '--to',
    });
  // Written forms of one kind sort in time order.
  if (from > to)
    throw new InvalidInputError({
      rule: 'reports.range',
      message: `--from ${from} is after --to ${to}`,
      column: '--from',
    });
  return { from, to, reports: await ports.reportIndex.inRange(from, to) };
}
