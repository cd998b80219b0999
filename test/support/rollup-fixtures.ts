import { parseCatalog } from '../../shared/domain/catalog/catalog';
import { type Period, parsePeriod } from '../../shared/domain/period';
import type { ProgressRow } from '../../shared/domain/progress';
import { computeRollup } from '../../shared/domain/rollup/compute-rollup';
import type {
  RollupInputs,
  SubmissionInput,
  SubmittedRevision,
  TrendSource,
} from '../../shared/domain/rollup/rollup-inputs';
import type { RollupSnapshot } from '../../shared/domain/rollup/rollup-snapshot';
import { trendPointOf } from '../../shared/domain/rollup/trend-point';
import { sha256Hex } from '../../shared/domain/sha256';

/**
 * A small plan for rollup tests: two goals, two mission areas, four objectives, six key
 * activities, three offices, ten entries (office × activity).
 *
 *   goal 1: 1.1 { 1.1.1 [OFA, OFB], 1.1.2 [OFA] }, 1.2 { 1.2.1 [OFB] }
 *   goal 2: 2.1 (area north) { 2.1.1 [OFA, OFB, OFC], 2.1.2 [OFC] }, 2.2 (area south) { 2.2.1 [OFA, OFC] }
 */
export const smallCatalog = parseCatalog({
  id: 'small-plan',
  version: '1.0.0',
  title: 'Small Plan',
  goals: [
    { id: '1', title: 'People' },
    { id: '2', title: 'Mission' },
  ],
  missionAreas: [
    { id: 'north', goalId: '2', title: 'North' },
    { id: 'south', goalId: '2', title: 'South' },
  ],
  objectives: [
    {
      id: '1.1',
      goalId: '1',
      title: 'Hire',
      desiredOutcome: 'Hired.',
      keyActivities: [
        { id: '1.1.1', text: 'Recruit.' },
        { id: '1.1.2', text: 'Onboard.' },
      ],
    },
    {
      id: '1.2',
      goalId: '1',
      title: 'Train',
      desiredOutcome: 'Trained.',
      keyActivities: [{ id: '1.2.1', text: 'Teach.' }],
    },
    {
      id: '2.1',
      goalId: '2',
      missionAreaId: 'north',
      title: 'Patrol',
      desiredOutcome: 'Patrolled.',
      keyActivities: [
        { id: '2.1.1', text: 'Watch.' },
        { id: '2.1.2', text: 'Fly.' },
      ],
    },
    {
      id: '2.2',
      goalId: '2',
      missionAreaId: 'south',
      title: 'Trade',
      desiredOutcome: 'Traded.',
      keyActivities: [{ id: '2.2.1', text: 'Inspect.' }],
    },
  ],
  offices: [
    { code: 'OFA', name: 'Office A' },
    { code: 'OFB', name: 'Office B' },
    { code: 'OFC', name: 'Office C' },
  ],
  assignments: {
    '1.1.1': ['OFA', 'OFB'],
    '1.1.2': ['OFA'],
    '1.2.1': ['OFB'],
    '2.1.1': ['OFC', 'OFA', 'OFB'],
    '2.1.2': ['OFC'],
    '2.2.1': ['OFA', 'OFC'],
  },
});

export function revisionOf(office: string, period: string, revision = 1, rowCount = 0): SubmittedRevision {
  return {
    office,
    period,
    revision,
    submissionId: `${office}-${period}-${revision}`,
    sha256: sha256Hex(`${office}/${period}/${revision}`),
    acceptedAt: `${period}-28T12:00:00.000Z`,
    uploader: `${office.toLowerCase()}@example.gov`,
    rowCount,
  };
}

export function row(activityId: string, fields: Partial<ProgressRow> = {}): ProgressRow {
  return { activityId, status: 'On Track', percentComplete: 50, ...fields };
}

export function submission(
  office: string,
  period: string,
  rows: readonly ProgressRow[],
  revision = 1,
): SubmissionInput {
  return { revision: revisionOf(office, period, revision, rows.length), rows };
}

/** The stored-snapshot reference a test gives a snapshot it computed itself. */
export function refOf(snapshot: RollupSnapshot, version = 1) {
  return { period: snapshot.period, version, sha256: sha256Hex(snapshot.inputHash) };
}

export function historyOf(snapshots: readonly RollupSnapshot[]): TrendSource[] {
  return snapshots.map((snapshot) => ({ ref: refOf(snapshot), point: trendPointOf(snapshot) }));
}

/** computeRollup with the small catalog and no previous snapshot unless given. */
export function rollup(
  period: string,
  submissions: readonly SubmissionInput[],
  rest: Partial<Omit<RollupInputs, 'period' | 'submissions'>> = {},
): RollupSnapshot {
  return computeRollup({
    catalog: smallCatalog,
    period: parsePeriod(period) as Period,
    submissions,
    previous: null,
    history: [],
    ...rest,
  });
}

/** Rolls up `period` on top of `previous` (its ref and its trend as history). */
export function rollupAfter(
  previous: RollupSnapshot,
  period: string,
  submissions: readonly SubmissionInput[],
  rest: Partial<Omit<RollupInputs, 'period' | 'submissions' | 'previous'>> = {},
): RollupSnapshot {
  const earlier = previous.trend.map((point) => ({
    ref: { period: point.period, version: 1, sha256: sha256Hex(point.period) },
    point,
  }));
  return rollup(period, submissions, {
    previous: { snapshot: previous, ref: refOf(previous) },
    history: earlier,
    ...rest,
  });
}
