import { type Period, previousPeriod } from '../domain/period';
import type { ProgressRow } from '../domain/progress';
import {
  type ComparedRevision,
  type MarkedRows,
  markUnchanged,
} from '../domain/submission/unchanged-answers';
import type { ProgressRepository } from '../ports/progress-repository';

export interface ComparedRows extends MarkedRows {
  /** The revision compared with: the office's current revision of the previous period, or null. */
  readonly comparedWith: ComparedRevision | null;
}

/**
 * Marks an accepted workbook's rows unchanged or not (unchanged-answers.ts) against the office's
 * current revision of the previous period — the revision its template was pre-filled from — as it
 * stands when the workbook is accepted. Two reads: the current-revision pointer, then its rows.
 */
export async function compareWithPreviousPeriod(
  progress: Pick<ProgressRepository, 'currentRevision' | 'rows'>,
  office: string,
  period: Period,
  rows: readonly ProgressRow[],
): Promise<ComparedRows> {
  const before = previousPeriod(period);
  const current = await progress.currentRevision(office, before);
  if (!current) return { ...markUnchanged(rows, undefined), comparedWith: null };
  const previousRows = await progress.rows(office, before, current.revision);
  return {
    ...markUnchanged(rows, previousRows),
    comparedWith: { period: before, revision: current.revision },
  };
}
