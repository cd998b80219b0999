import type { KeyActivity } from '../catalog/catalog';
import type { Period } from '../period';
import { type ProgressRow, STATUSES, type Status } from '../progress';
import { isAtRisk, type ReasonTexts, severityOf } from './at-risk';
import { mayCarryForward } from './carry-forward';
import { entryMovement } from './change-detection';
import type { EntryIndex } from './entry-index';
import { Tally } from './level-tally';
import { SEVERITY_SCALE } from './rank-order';
import type { SubmissionInput } from './rollup-inputs';
import type { Movement, RollupSnapshot, SnapshotRow } from './rollup-snapshot';
import { roundRatio } from './rounding';
import { COMPLETE, statusCodeOf } from './status-code';

/** What an office without a revision this period reports: nothing. */
const NO_ROWS: readonly ProgressRow[] = [];

/** The previous snapshot's rows and, per entry, where its row is (−1: none) and its status code. */
export interface PreviousRows {
  readonly rows: readonly SnapshotRow[];
  readonly at: Int32Array;
  readonly status: Uint8Array;
}

export interface EntryPassInputs {
  readonly activities: readonly KeyActivity[];
  readonly period: Period;
  readonly asOf: string;
  readonly carryForwardMaxAgeMonths: number;
  readonly entries: EntryIndex;
  /** Each office's current revision by office position (undefined: none this period). */
  readonly submissionOf: readonly (SubmissionInput | undefined)[];
  /** Per entry, the position of its row in its office's submission (−1: not reported). */
  readonly freshAt: Int32Array;
  readonly previous: PreviousRows | null;
  readonly reasons: ReasonTexts;
}

type Completeness = RollupSnapshot['completeness'];

/** What the pass collects: totals per key activity and per office, and the snapshot's entry lists. */
export interface EntryPassResult {
  readonly activityTally: Tally;
  readonly officeTally: Tally;
  readonly rows: SnapshotRow[];
  readonly statusMoves: RollupSnapshot['changes']['statusMoves'];
  readonly activitiesNotReported: Completeness['activitiesNotReported'];
  readonly carriedForward: Completeness['carriedForward'];
  readonly overdueMilestones: Completeness['overdueMilestones'];
  /** At-risk items in entry order, built while each row is at hand; ranked afterwards. */
  readonly riskItems: RollupSnapshot['atRisk'][number][];
  /** The severity of each risk item, scaled to an integer for ranking. */
  readonly riskSeverities: number[];
}

/**
 * Step 4 of the rollup: one pass over the entries (office × key activity), office by office, in
 * catalog order. Each entry gets its row — reported this period, carried forward, or missing —
 * which is counted into flat per-activity and per-office tallies and, where it applies, listed
 * as overdue, moved or at risk. Linear in the entries, with no allocation beyond the output.
 */
export function passOverEntries(inputs: EntryPassInputs): EntryPassResult {
  const { entries } = inputs;
  const result: EntryPassResult = {
    activityTally: new Tally(entries.activityIds.length),
    officeTally: new Tally(entries.officeCodes.length),
    // Sized for every entry and trimmed after the pass: no regrowth of a million-slot array.
    rows: new Array(entries.entryCount),
    statusMoves: [],
    activitiesNotReported: [],
    carriedForward: [],
    overdueMilestones: [],
    riskItems: [],
    riskSeverities: [],
  };
  let rowCount = 0;
  for (let office = 0; office < entries.officeCodes.length; office++) {
    const officeCode = entries.officeCodes[office] as string;
    const submission = inputs.submissionOf[office];
    const end = entries.officeStart[office + 1] as number;
    for (let entry = entries.officeStart[office] as number; entry < end; entry++) {
      const activity = entries.entryActivity[entry] as number;
      const activityId = entries.activityIds[activity] as string;
      const row = rowOfEntry(inputs, submission, entry, officeCode, activityId);
      if (row === undefined) {
        result.activityTally.missing(activity);
        result.officeTally.missing(office);
        result.activitiesNotReported.push({ office: officeCode, activityId });
        continue;
      }
      result.rows[rowCount++] = row;
      countEntry(inputs, result, entry, activity, office, row);
    }
  }
  result.rows.length = rowCount;
  return result;
}

/** The entry's row this period: reported, carried forward from the previous snapshot, or none. */
function rowOfEntry(
  inputs: EntryPassInputs,
  submission: SubmissionInput | undefined,
  entry: number,
  office: string,
  activityId: string,
): SnapshotRow | undefined {
  const at = inputs.freshAt[entry] as number;
  if (at >= 0) {
    const rows = submission === undefined ? NO_ROWS : submission.rows;
    const revision = submission === undefined ? 0 : submission.revision.revision;
    const fresh = rows[at] as ProgressRow;
    return snapshotRowOf(fresh, office, activityId, 'reported', inputs.period, revision, inputs.asOf);
  }
  const previous = inputs.previous;
  const earlierAt = previous === null ? -1 : (previous.at[entry] as number);
  const earlier = earlierAt < 0 ? undefined : (previous?.rows[earlierAt] as SnapshotRow);
  if (
    earlier === undefined ||
    !mayCarryForward(earlier.fromPeriod, inputs.period, inputs.carryForwardMaxAgeMonths)
  )
    return undefined;
  const from = earlier.fromPeriod;
  return snapshotRowOf(earlier, office, activityId, 'carried-forward', from, earlier.revision, inputs.asOf);
}

/** Counts an entry with a row into the tallies and the lists it belongs on. */
function countEntry(
  inputs: EntryPassInputs,
  result: EntryPassResult,
  entry: number,
  activity: number,
  office: number,
  row: SnapshotRow,
): void {
  const { status, activityId } = row;
  const code = statusCodeOf(status);
  if (code < 0)
    throw new Error(`${row.office} ${activityId} has status ${status}, not one of ${STATUSES.join(', ')}`);
  const carried = row.source === 'carried-forward';
  if (carried) result.carriedForward.push({ office: row.office, activityId, fromPeriod: row.fromPeriod });
  const openDue = code === COMPLETE ? undefined : row.milestoneDue;
  const { percentComplete, attainment, milestoneOverdue } = row;
  result.activityTally.add(activity, code, carried, percentComplete, attainment, openDue, milestoneOverdue);
  result.officeTally.add(office, code, carried, percentComplete, attainment, openDue, milestoneOverdue);
  if (milestoneOverdue) result.overdueMilestones.push(overdueMilestoneOf(row));
  const movement = inputs.previous === null ? null : statusMove(result, row, code, inputs.previous, entry);
  if (isAtRisk(row)) {
    const severity = Math.round(severityOf(row, movement, inputs.asOf) * SEVERITY_SCALE);
    result.riskSeverities.push(severity);
    const activityOfRow = inputs.activities[activity] as KeyActivity;
    const reasons = inputs.reasons.of(row, movement);
    result.riskItems.push(atRiskItemOf(row, activityOfRow, severity / SEVERITY_SCALE, reasons));
  }
}

function overdueMilestoneOf(row: SnapshotRow): RollupSnapshot['completeness']['overdueMilestones'][number] {
  const overdue: RollupSnapshot['completeness']['overdueMilestones'][number] = {
    office: row.office,
    activityId: row.activityId,
    milestoneDue: row.milestoneDue as string,
    status: row.status,
  };
  if (row.nextMilestone !== undefined) overdue.nextMilestone = row.nextMilestone;
  return overdue;
}

/** How the entry's status moved since the previous snapshot; a move is listed unless unchanged. */
function statusMove(
  result: EntryPassResult,
  row: SnapshotRow,
  code: number,
  previous: PreviousRows,
  entry: number,
): Movement {
  const previousCode = previous.status[entry] as number;
  const movement = entryMovement(previousCode, code);
  if (movement !== 'unchanged')
    result.statusMoves.push({
      office: row.office,
      activityId: row.activityId,
      from: previousCode === 0 ? null : (STATUSES[previousCode - 1] as Status),
      to: row.status,
      movement,
    });
  return movement;
}

/** An entry on the at-risk list; ranked once the list is complete. One shape for every item. */
function atRiskItemOf(
  row: SnapshotRow,
  activity: KeyActivity,
  severity: number,
  reasons: string[],
): RollupSnapshot['atRisk'][number] {
  return {
    rank: 0,
    office: row.office,
    activityId: row.activityId,
    objectiveId: activity.objectiveId,
    goalId: activity.goalId,
    missionAreaId: activity.missionAreaId,
    activityText: activity.text,
    status: row.status,
    percentComplete: row.percentComplete,
    severity,
    reasons,
    risksAndIssues: row.risksAndIssues,
    accomplishments: row.accomplishments,
    nextMilestone: row.nextMilestone,
    milestoneDue: row.milestoneDue,
    pointOfContact: row.pointOfContact,
    source: row.source,
  };
}

/**
 * One office's entry as the snapshot shows it; a carried value gets this period's overdue flag.
 * Every property is set, optional ones to `undefined` when absent, so that all rows share one
 * object shape: a million rows of one shape are built and read several times faster than rows
 * of dozens of shapes. JSON (and so the stored snapshot) leaves the undefined ones out.
 */
function snapshotRowOf(
  source: ProgressRow | SnapshotRow,
  office: string,
  activityId: string,
  kind: SnapshotRow['source'],
  fromPeriod: string,
  revision: number,
  asOf: string,
): SnapshotRow {
  const { status, actual, target, milestoneDue } = source;
  let attainment: number | undefined;
  if (actual !== undefined && target !== undefined && target !== 0) {
    const ratio = actual / target;
    if (Number.isFinite(ratio)) attainment = roundRatio(ratio);
  }
  return {
    office,
    activityId,
    status,
    percentComplete: source.percentComplete,
    metric: source.metric,
    actual,
    target,
    attainment,
    nextMilestone: source.nextMilestone,
    milestoneDue,
    milestoneOverdue: milestoneDue !== undefined && milestoneDue < asOf && status !== 'Complete',
    accomplishments: source.accomplishments,
    risksAndIssues: source.risksAndIssues,
    pointOfContact: source.pointOfContact,
    source: kind,
    fromPeriod,
    revision,
  };
}
