import type { Period } from '../period';
import type { ProgressRow } from '../progress';

/**
 * "Unchanged" (docs/status-rules.md, "Unchanged entries"): a row whose answers equal the office's
 * row for the same key activity in the revision it is compared with — the current revision of the
 * previous period when the workbook is accepted, the one a template is pre-filled from. A
 * pre-filled template sent back as it is, or with only its date and attestation touched, is
 * unchanged; so is a row nobody looked at.
 *
 * The answers compared are the ones a submitter gives about the work: status, percent complete,
 * metric (its name, actual and target), next milestone and its due date, the narrative
 * (accomplishments, risks and issues) and mitigation / next steps. Not compared: the point of
 * contact (who to ask is not progress) and anything outside the Progress row. Values are compared
 * as stored (text is trimmed on reading), with runs of spaces and line breaks inside text taken as
 * one space, so a re-typed paragraph that reads the same is the same.
 */
export const COMPARED_ANSWERS = [
  'status',
  'percentComplete',
  'metric',
  'actual',
  'target',
  'nextMilestone',
  'milestoneDue',
  'accomplishments',
  'risksAndIssues',
  'mitigation',
] as const satisfies readonly (keyof ProgressRow)[];

const comparable = (value: string | number | undefined) =>
  typeof value === 'string' ? value.replace(/\s+/g, ' ') : value;

export function sameAnswers(row: ProgressRow, previous: ProgressRow): boolean {
  return COMPARED_ANSWERS.every((key) => comparable(row[key]) === comparable(previous[key]));
}

/** The revision rows are compared with: the office's current revision of the previous period. */
export interface ComparedRevision {
  readonly period: Period;
  readonly revision: number;
}

export interface MarkedRows {
  /** The rows, each with `unchanged` set. */
  readonly rows: ProgressRow[];
  /** Activity ids of the unchanged rows, in row order. */
  readonly unchanged: string[];
}

/**
 * Marks each row unchanged or not against the previous revision's rows (none: every row is
 * changed, there being nothing it could be unchanged from).
 */
export function markUnchanged(
  rows: readonly ProgressRow[],
  previousRows: readonly ProgressRow[] | undefined,
): MarkedRows {
  const previousOf = new Map((previousRows ?? []).map((row) => [row.activityId, row]));
  const unchanged: string[] = [];
  const marked = rows.map((row) => {
    const previous = previousOf.get(row.activityId);
    const same = previous !== undefined && sameAnswers(row, previous);
    if (same) unchanged.push(row.activityId);
    return { ...row, unchanged: same };
  });
  return { rows: marked, unchanged };
}
