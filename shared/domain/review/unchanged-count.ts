import type { RollupSnapshot } from '../rollup/rollup-snapshot';
import type { QuarterView } from './quarter-view';

/** Entries reported over the quarter and how many of them were unchanged since the period before. */
export interface UnchangedCount {
  readonly reported: number;
  /** null when some month's rows were accepted before answers were compared (unknown, not zero). */
  readonly unchanged: number | null;
}

/** Whether an office's rows of a month were compared with its previous period (schema 2 on). */
const compared = (snapshot: RollupSnapshot, office: string) => {
  const input = snapshot.inputs.find((candidate) => candidate.office === office);
  return input === undefined || input.comparedWith !== undefined;
};

/**
 * One office's reported entries (among `activities`, or all when omitted) over the quarter's
 * months, and how many of them were sent again unchanged.
 */
export function unchangedOfOffice(
  view: QuarterView,
  office: string,
  activities?: ReadonlySet<string>,
): UnchangedCount {
  let reported = 0;
  let unchanged: number | null = 0;
  for (const snapshot of view.snapshots) {
    const rows = snapshot.rows.filter(
      (row) =>
        row.office === office &&
        row.source === 'reported' &&
        (activities === undefined || activities.has(row.activityId)),
    );
    reported += rows.length;
    if (rows.length === 0) continue;
    if (unchanged === null || !compared(snapshot, office)) unchanged = null;
    else unchanged += rows.filter((row) => row.unchanged === true).length;
  }
  return { reported, unchanged };
}

/** A level's (or the agency's) count over the quarter, from the snapshots' level summaries. */
export function unchangedOfLevel(
  summaries: readonly ({ reported: number; unchanged?: number | undefined } | undefined)[],
): UnchangedCount {
  let reported = 0;
  let unchanged: number | null = 0;
  for (const summary of summaries) {
    if (summary === undefined) continue;
    reported += summary.reported;
    if (summary.reported === 0) continue;
    unchanged = unchanged === null || summary.unchanged === undefined ? null : unchanged + summary.unchanged;
  }
  return { reported, unchanged };
}

/** "N of M entries unchanged since last period" (issue 16 item 4's words), or why it cannot be said. */
export function unchangedSentence(count: UnchangedCount): string {
  if (count.reported === 0) return 'No entries reported this quarter.';
  if (count.unchanged === null)
    return `Of ${count.reported} entries reported this quarter, how many were unchanged since last period is not known (some were accepted before answers were compared).`;
  return `${count.unchanged} of ${count.reported} entries unchanged since last period (summed over the quarter's months).`;
}
