import { reportLabel } from '../domain/audit/audit-finding';
import { NotFoundError } from '../domain/errors';
import type { ReportPeriod as Period } from '../domain/report/report-period';
import type { ReportIndex, ReportRecord } from '../ports/report-index';

/** A period's report version (or a quarter's review pack) as the index records it: the given version, or the latest. */
export async function findReportVersion(
  reports: ReportIndex,
  period: Period,
  version?: number,
): Promise<ReportRecord> {
  if (version === undefined) {
    const latest = await reports.latest(period);
    if (!latest) throw new NotFoundError(`no report has been rendered for ${period}`);
    return latest;
  }
  const versions = await reports.versions(period);
  const found = versions.find((record) => record.version === version);
  if (found) return found;
  throw new NotFoundError(
    versions.length === 0
      ? `no report has been rendered for ${period}`
      : `there is no report ${reportLabel(period, version)}: ${period} has ${versions.map((record) => `v${String(record.version).padStart(4, '0')}`).join(', ')}`,
  );
}
