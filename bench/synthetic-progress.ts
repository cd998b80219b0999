import { type Catalog, parseCatalog } from '../shared/domain/catalog/catalog';
import type { Period } from '../shared/domain/period';
import { type ProgressRow, STATUSES } from '../shared/domain/progress';
import type { SubmissionInput } from '../shared/domain/rollup/rollup-inputs';

/**
 * Synthetic plans and progress rows for the rollup benches. Deterministic: every run rolls up
 * the same rows. Narrative text comes from a small pool, so the benches measure the rollup's
 * structures rather than how much free text a million submitters would type.
 */
export interface PlanShape {
  readonly offices: number;
  readonly goals: number;
  readonly objectivesPerGoal: number;
  readonly activitiesPerObjective: number;
}

/** Every office reports on every key activity; goal 2's objectives fall into four mission areas. */
export function syntheticCatalog(shape: PlanShape): Catalog {
  const offices = Array.from({ length: shape.offices }, (_, index) => ({
    code: `OF${String(index + 1).padStart(4, '0')}`,
    name: `Office ${index + 1}`,
  }));
  const officeCodes = offices.map((office) => office.code);
  const areas = ['a', 'b', 'c', 'd'];
  const objectives = [];
  const assignments: Record<string, string[]> = {};
  for (let goal = 1; goal <= shape.goals; goal++) {
    for (let objective = 1; objective <= shape.objectivesPerGoal; objective++) {
      const id = `${goal}.${objective}`;
      const keyActivities = Array.from({ length: shape.activitiesPerObjective }, (_, index) => ({
        id: `${id}.${index + 1}`,
        text: `Key activity ${id}.${index + 1}`,
      }));
      for (const activity of keyActivities) assignments[activity.id] = officeCodes;
      objectives.push({
        id,
        goalId: String(goal),
        ...(goal === 2 ? { missionAreaId: areas[objective % areas.length] } : {}),
        title: `Objective ${id}`,
        desiredOutcome: `Outcome ${id}`,
        keyActivities,
      });
    }
  }
  return parseCatalog({
    id: 'synthetic-plan',
    version: '1.0.0',
    title: 'Synthetic plan',
    goals: Array.from({ length: shape.goals }, (_, index) => ({
      id: String(index + 1),
      title: `Goal ${index + 1}`,
    })),
    missionAreas: areas.map((id) => ({ id, goalId: '2', title: `Mission area ${id}` })),
    objectives,
    offices,
    assignments,
  });
}

/** A deterministic hash of a few integers to [0, 1). */
function noise(...values: number[]): number {
  let state = 0x9e3779b9;
  for (const value of values) {
    state = Math.imul(state ^ value, 0x85ebca6b);
    state ^= state >>> 13;
    state = Math.imul(state, 0xc2b2ae35);
    state ^= state >>> 16;
  }
  return (state >>> 0) / 4294967296;
}

const RISKS = Array.from({ length: 64 }, (_, index) => `Risk ${index}: vendor delay on deliverable ${index}`);
// Most milestones lie ahead; about one in thirty is already past (overdue unless Complete).
const MILESTONES = ['2026-12-31', '2027-03-31', '2027-06-30', '2027-12-31', '2028-09-30'];
const PAST_MILESTONE = '2025-08-31';

/**
 * One row. An entry keeps its status from month to month unless a 1-in-10 draw changes it, and
 * its percent grows a few points a month: statuses move about as often as real ones do.
 * 55 % On Track, 15 % Not Started, 10 % At Risk, 5 % Off Track, 15 % Complete.
 */
function rowFor(office: number, activity: number, activityId: string, month: number): ProgressRow {
  const base = noise(office, activity);
  const changed = noise(office, activity, month) < 0.1;
  const roll = changed ? noise(office, activity, month, 1) : base;
  const status =
    roll < 0.55
      ? 'On Track'
      : roll < 0.7
        ? 'Not Started'
        : roll < 0.8
          ? 'At Risk'
          : roll < 0.85
            ? 'Off Track'
            : 'Complete';
  const detail = noise(office, activity, month, 2);
  const row: ProgressRow = {
    activityId,
    status,
    percentComplete:
      status === 'Complete'
        ? 100
        : status === 'Not Started'
          ? 0
          : Math.min(99, Math.floor(base * 60) + (month % 12) * 3),
  };
  if (detail < 0.3) {
    row.actual = Math.floor(detail * 150);
    row.target = 40;
  }
  if (detail < 0.6) {
    row.nextMilestone = 'next review';
    row.milestoneDue =
      detail < 0.02 ? PAST_MILESTONE : MILESTONES[Math.floor(detail * 8) % MILESTONES.length];
  }
  if (status === 'At Risk' || status === 'Off Track')
    row.risksAndIssues = RISKS[Math.floor(detail * RISKS.length)];
  return row;
}

/** The current revision of every office `submits` admits, with a row for each of its activities. */
export function submissionsFor(
  catalog: Catalog,
  period: Period,
  submits: (officeNumber: number) => boolean,
): SubmissionInput[] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const monthNumber = year * 12 + month;
  const activityIndex = new Map(catalog.keyActivities.map((activity, index) => [activity.id, index]));
  return catalog.offices.flatMap((office, officeNumber) => {
    if (!submits(officeNumber)) return [];
    const rows = catalog
      .activitiesOf(office.code)
      .map((activity) =>
        rowFor(officeNumber, activityIndex.get(activity.id) as number, activity.id, monthNumber),
      );
    return [
      {
        revision: {
          office: office.code,
          period,
          revision: 1,
          submissionId: `${office.code}-${period}`,
          sha256: (officeNumber + 1).toString(16).padStart(64, '0'),
          acceptedAt: `${period}-28T12:00:00.000Z`,
          uploader: `${office.code.toLowerCase()}@example.gov`,
          rowCount: rows.length,
        },
        rows,
      },
    ];
  });
}

export const rowCountOf = (submissions: readonly SubmissionInput[]) =>
  submissions.reduce((total, submission) => total + submission.rows.length, 0);

/**
 * The bare single pass a rollup is compared with: each row's key activity looked up once, its
 * status counted and its percent summed — the least any rollup must do per row.
 */
export function barePass(catalog: Catalog, periods: readonly (readonly SubmissionInput[])[]) {
  const activityIndex = new Map(catalog.keyActivities.map((activity, index) => [activity.id, index]));
  const statusIndex = new Map(STATUSES.map((status, index) => [status, index]));
  const counts = new Int32Array(catalog.keyActivities.length * STATUSES.length);
  const percent = new Float64Array(catalog.keyActivities.length);
  for (const submissions of periods) {
    for (const submission of submissions) {
      for (const row of submission.rows) {
        const activity = activityIndex.get(row.activityId) as number;
        const slot = activity * STATUSES.length + (statusIndex.get(row.status) as number);
        counts[slot] = (counts[slot] as number) + 1;
        percent[activity] = (percent[activity] as number) + row.percentComplete;
      }
    }
  }
  return { counts, percent };
}

/**
 * The bare pass plus what no snapshot that lists every entry can avoid: one new row object per
 * row, kept in an array. Shown for context: the floor any rollup with this snapshot shape has.
 */
export function copyFloorPass(catalog: Catalog, periods: readonly (readonly SubmissionInput[])[]) {
  const totals = barePass(catalog, periods);
  const kept: unknown[][] = [];
  for (const submissions of periods) {
    const out = new Array(rowCountOf(submissions));
    let index = 0;
    for (const submission of submissions) {
      const office = submission.revision.office;
      for (const row of submission.rows)
        out[index++] = {
          office,
          activityId: row.activityId,
          status: row.status,
          percentComplete: row.percentComplete,
          metric: row.metric,
          actual: row.actual,
          target: row.target,
          attainment: undefined,
          nextMilestone: row.nextMilestone,
          milestoneDue: row.milestoneDue,
          milestoneOverdue: false,
          accomplishments: row.accomplishments,
          risksAndIssues: row.risksAndIssues,
          pointOfContact: row.pointOfContact,
          source: 'reported',
          fromPeriod: submission.revision.period,
          revision: submission.revision.revision,
        };
    }
    kept.push(out);
  }
  return { totals, kept };
}

/** Summing one field with no lookup: a floor, shown for context only. */
export function trivialPass(periods: readonly (readonly SubmissionInput[])[]) {
  let sum = 0;
  for (const submissions of periods)
    for (const submission of submissions) for (const row of submission.rows) sum += row.percentComplete;
  return sum;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** A full collection between timed runs (the benches run with --expose-gc). */
export const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Peak resident set size of this process so far, in MB (getrusage ru_maxrss). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** MB of heap that `drop` lets go: the heap used after a full GC, before and after it runs. */
export function heapHeldBy(drop: () => void): number {
  const usedAfterGc = () => {
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  const before = usedAfterGc();
  drop();
  return Math.round((before - usedAfterGc()) / 1024 / 1024);
}
