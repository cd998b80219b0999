import type { Catalog } from '../catalog/catalog';
import { InvalidInputError } from '../errors';
import { addMonths, comparePeriods, type Period, periodBounds } from '../period';
import type { ProgressRow, Status } from '../progress';
import { isAtRisk, reasonsOf, severityOf } from './at-risk';
import { mayCarryForward } from './carry-forward';
import { movementOf, percentDelta } from './change-detection';
import { inputHashOf } from './input-hash';
import { likelihoodOf } from './likelihood';
import {
  DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS,
  ROLLUP_RULES_VERSION,
  type RollupInputs,
  type SnapshotRef,
  type SubmissionInput,
  type TrendSource,
} from './rollup-inputs';
import {
  COUNTED_STATUSES,
  type LevelSummary,
  type Movement,
  type RollupSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotInput,
  type SnapshotRow,
  type StatusCounts,
  type TrendPoint,
} from './rollup-snapshot';
import { roundPercent, roundRatio } from './rounding';
import { overallStatusOf } from './status-rules';
import { trendPointOf } from './trend-point';
import { resolveWeights, type Weights, weightedMean } from './weights';

/** Earlier periods a snapshot's trend holds besides its own: twelve points in all. */
export const TREND_HISTORY_PERIODS = 11;
const MAX_CARRY_FORWARD_AGE_MONTHS = 120;

const K = COUNTED_STATUSES.length;
const NOT_REPORTED = COUNTED_STATUSES.indexOf('Not Reported');
const STATUS_INDEX: Readonly<Record<Status, number>> = {
  'Not Started': 0,
  'On Track': 1,
  'At Risk': 2,
  'Off Track': 3,
  Complete: 4,
};

/** Counts and sums of one level, before its percent and status are decided. */
interface Totals {
  readonly counts: Int32Array;
  expected: number;
  reported: number;
  carried: number;
  metricSum: number;
  metricCount: number;
  /** Latest milestone due among entries with data that are not Complete ('' = none). */
  deadline: string;
}

const newTotals = (): Totals => ({
  counts: new Int32Array(K),
  expected: 0,
  reported: 0,
  carried: 0,
  metricSum: 0,
  metricCount: 0,
  deadline: '',
});

function addInto(target: Totals, part: Totals): void {
  for (let index = 0; index < K; index++)
    target.counts[index] = (target.counts[index] ?? 0) + (part.counts[index] ?? 0);
  target.expected += part.expected;
  target.reported += part.reported;
  target.carried += part.carried;
  target.metricSum += part.metricSum;
  target.metricCount += part.metricCount;
  if (part.deadline > target.deadline) target.deadline = part.deadline;
}

/**
 * The rollup of one period (docs/status-rules.md, docs/rollup-snapshot.md): the catalog, each
 * office's current revision, the previous snapshot and the trend history in; the snapshot out.
 *
 * Pure and deterministic: no clock (the snapshot speaks as of the period's last day), and every
 * list is ordered by the catalog (offices in catalog order, then key activities in catalog
 * order), so the same inputs in any order give the same snapshot. One pass over the entries
 * (office × key activity) fills per-activity and per-office totals; every higher level is summed
 * from those, so the work is linear in the rows.
 */
export function computeRollup(inputs: RollupInputs): RollupSnapshot {
  const { catalog, period } = inputs;
  const asOf = periodBounds(period).last;
  const options = inputs.options ?? {};
  const maxAge = options.carryForwardMaxAgeMonths ?? DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS;
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > MAX_CARRY_FORWARD_AGE_MONTHS)
    throw new InvalidInputError({
      rule: 'rollup.carry-forward-age',
      message: `the carry-forward age must be a whole number of months from 0 to ${MAX_CARRY_FORWARD_AGE_MONTHS}, not ${maxAge}`,
    });
  const weights = resolveWeights(catalog, options.weights);
  const previous = inputs.previous;
  if (previous !== null && comparePeriods(previous.snapshot.period as Period, period) >= 0)
    throw new Error(`the previous snapshot (${previous.snapshot.period}) is not before ${period}`);

  // 1. Indexes: entries (office × key activity) are numbered office-major, in catalog order.
  const offices = catalog.offices;
  const activities = catalog.keyActivities;
  const officeCount = offices.length;
  const activityCount = activities.length;
  const officeIndex = new Map(offices.map((office, index) => [office.code, index]));
  const activityIndex = new Map(activities.map((activity, index) => [activity.id, index]));
  const entryAt = new Int32Array(officeCount * activityCount).fill(-1);
  const entryOffice: number[] = [];
  const entryActivity: number[] = [];
  for (let office = 0; office < officeCount; office++) {
    for (const activity of catalog.activitiesOf((offices[office] as { code: string }).code)) {
      const a = activityIndex.get(activity.id) as number;
      entryAt[office * activityCount + a] = entryOffice.length;
      entryOffice.push(office);
      entryActivity.push(a);
    }
  }
  const entryCount = entryOffice.length;

  // 2. This period's rows, placed by entry; rows the catalog does not expect are left out.
  const submissionOf: (SubmissionInput | undefined)[] = new Array(officeCount);
  for (const submission of inputs.submissions) {
    if (submission.revision.period !== period)
      throw new Error(
        `revision ${submission.revision.office} ${submission.revision.period} is not of ${period}`,
      );
    const office = officeIndex.get(submission.revision.office);
    if (office === undefined) continue;
    if (submissionOf[office] !== undefined)
      throw new Error(`two current revisions for ${submission.revision.office} ${period}`);
    submissionOf[office] = submission;
  }
  const fresh: (ProgressRow | undefined)[] = new Array(entryCount);
  for (let office = 0; office < officeCount; office++) {
    const submission = submissionOf[office];
    if (submission === undefined) continue;
    const base = office * activityCount;
    for (const row of submission.rows) {
      const a = activityIndex.get(row.activityId);
      if (a === undefined) continue;
      const entry = entryAt[base + a] as number;
      if (entry < 0) continue;
      if (fresh[entry] !== undefined)
        throw new Error(`${submission.revision.office} ${period} has two rows for ${row.activityId}`);
      fresh[entry] = row;
    }
  }

  // 3. The previous snapshot's rows, by entry: what changed, and what may be carried forward.
  const before: (SnapshotRow | undefined)[] = new Array(entryCount);
  if (previous !== null) {
    for (const row of previous.snapshot.rows) {
      const office = officeIndex.get(row.office);
      const a = activityIndex.get(row.activityId);
      if (office === undefined || a === undefined) continue;
      const entry = entryAt[office * activityCount + a] as number;
      if (entry >= 0) before[entry] = row;
    }
  }

  // 4. One pass over the entries.
  const activityTotals = activities.map(newTotals);
  const officeTotals = offices.map(newTotals);
  const activityPercentSum = new Float64Array(activityCount);
  const officePercentSum = new Float64Array(officeCount);
  const rows: SnapshotRow[] = [];
  const statusMoves: RollupSnapshot['changes']['statusMoves'] = [];
  const activitiesNotReported: RollupSnapshot['completeness']['activitiesNotReported'] = [];
  const carriedForward: RollupSnapshot['completeness']['carriedForward'] = [];
  const overdueMilestones: RollupSnapshot['completeness']['overdueMilestones'] = [];
  const atRiskEntries: { entry: number; row: SnapshotRow; severity: number; reasons: string[] }[] = [];
  const previousPeriodName = previous?.snapshot.period ?? null;

  for (let entry = 0; entry < entryCount; entry++) {
    const office = entryOffice[entry] as number;
    const a = entryActivity[entry] as number;
    const officeCode = (offices[office] as { code: string }).code;
    const activityId = (activities[a] as { id: string }).id;
    const activityTotal = activityTotals[a] as Totals;
    const officeTotal = officeTotals[office] as Totals;
    activityTotal.expected++;
    officeTotal.expected++;

    const reportedRow = fresh[entry];
    const earlier = before[entry];
    let row: SnapshotRow;
    if (reportedRow !== undefined) {
      const revision = (submissionOf[office] as SubmissionInput).revision.revision;
      row = snapshotRowOf(reportedRow, officeCode, 'reported', period, revision, asOf);
      activityTotal.reported++;
      officeTotal.reported++;
    } else if (earlier !== undefined && mayCarryForward(earlier.fromPeriod, period, maxAge)) {
      row = snapshotRowOf(earlier, officeCode, 'carried-forward', earlier.fromPeriod, earlier.revision, asOf);
      activityTotal.carried++;
      officeTotal.carried++;
      carriedForward.push({ office: officeCode, activityId, fromPeriod: earlier.fromPeriod });
    } else {
      activityTotal.counts[NOT_REPORTED] = (activityTotal.counts[NOT_REPORTED] as number) + 1;
      officeTotal.counts[NOT_REPORTED] = (officeTotal.counts[NOT_REPORTED] as number) + 1;
      activitiesNotReported.push({ office: officeCode, activityId });
      continue;
    }
    rows.push(row);

    const status = STATUS_INDEX[row.status];
    activityTotal.counts[status] = (activityTotal.counts[status] as number) + 1;
    officeTotal.counts[status] = (officeTotal.counts[status] as number) + 1;
    activityPercentSum[a] = (activityPercentSum[a] as number) + row.percentComplete;
    officePercentSum[office] = (officePercentSum[office] as number) + row.percentComplete;
    if (row.attainment !== undefined) {
      activityTotal.metricSum += row.attainment;
      activityTotal.metricCount++;
      officeTotal.metricSum += row.attainment;
      officeTotal.metricCount++;
    }
    if (row.status !== 'Complete' && row.milestoneDue !== undefined) {
      if (row.milestoneDue > activityTotal.deadline) activityTotal.deadline = row.milestoneDue;
      if (row.milestoneDue > officeTotal.deadline) officeTotal.deadline = row.milestoneDue;
    }
    if (row.milestoneOverdue)
      overdueMilestones.push({
        office: officeCode,
        activityId,
        ...(row.nextMilestone !== undefined ? { nextMilestone: row.nextMilestone } : {}),
        milestoneDue: row.milestoneDue as string,
        status: row.status,
      });

    let movement: Movement | null = null;
    if (previous !== null) {
      const from = earlier?.status ?? null;
      movement = movementOf(from, row.status);
      if (movement !== 'unchanged')
        statusMoves.push({ office: officeCode, activityId, from, to: row.status, movement });
    }
    if (isAtRisk(row)) {
      const candidate = { ...row, movement };
      atRiskEntries.push({
        entry,
        row,
        severity: roundRatio(severityOf(candidate, asOf)),
        reasons: reasonsOf(candidate, asOf, previousPeriodName),
      });
    }
  }

  // 5. The inputs, the trend history and the input hash.
  const snapshotInputs: SnapshotInput[] = [];
  for (let office = 0; office < officeCount; office++) {
    const revision = submissionOf[office]?.revision;
    if (revision === undefined) continue;
    snapshotInputs.push({
      office: revision.office,
      revision: revision.revision,
      submissionId: revision.submissionId,
      sha256: revision.sha256,
      acceptedAt: revision.acceptedAt,
      uploader: revision.uploader,
      rowCount: revision.rowCount,
    });
  }
  const history = trendHistory(inputs.history, period);
  const previousRef: SnapshotRef | null =
    previous === null
      ? null
      : { period: previous.ref.period, version: previous.ref.version, sha256: previous.ref.sha256 };
  const rules = {
    version: ROLLUP_RULES_VERSION,
    carryForwardMaxAgeMonths: maxAge,
    weights: weights.overrides,
  };
  const trendSources = history.map((source) => ({
    period: source.ref.period,
    version: source.ref.version,
    sha256: source.ref.sha256,
  }));
  const inputHash = inputHashOf({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    rules,
    catalog: { id: catalog.id, version: catalog.version },
    period,
    inputs: snapshotInputs,
    previousSnapshot: previousRef,
    trendSources,
  });

  // 6. Levels: activities and offices from the pass, everything above summed from activities.
  const levels = summarizeLevels({
    catalog,
    period,
    asOf,
    weights,
    activityTotals,
    activityPercentSum,
    officeTotals,
    officePercentSum,
    previous: previous?.snapshot ?? null,
    history: history.map((source) => source.point),
  });

  // 7. The at-risk list, most severe first; ties in office, then key activity order.
  atRiskEntries.sort((left, right) => right.severity - left.severity || left.entry - right.entry);
  const atRisk = atRiskEntries.map(({ entry, row, severity, reasons }, index) => {
    const activity = activities[entryActivity[entry] as number] as Catalog['keyActivities'][number];
    return {
      rank: index + 1,
      office: row.office,
      activityId: row.activityId,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      activityText: activity.text,
      status: row.status,
      percentComplete: row.percentComplete,
      severity,
      reasons,
      ...(row.risksAndIssues !== undefined ? { risksAndIssues: row.risksAndIssues } : {}),
      ...(row.accomplishments !== undefined ? { accomplishments: row.accomplishments } : {}),
      ...(row.nextMilestone !== undefined ? { nextMilestone: row.nextMilestone } : {}),
      ...(row.milestoneDue !== undefined ? { milestoneDue: row.milestoneDue } : {}),
      ...(row.pointOfContact !== undefined ? { pointOfContact: row.pointOfContact } : {}),
      source: row.source,
    };
  });

  const officesExpected = offices
    .filter((_office, index) => (officeTotals[index] as Totals).expected > 0)
    .map((office) => office.code);
  const officesSubmitted = snapshotInputs.map((input) => input.office);
  const submittedSet = new Set(officesSubmitted);

  const snapshot: RollupSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    period,
    asOf,
    catalog: { id: catalog.id, version: catalog.version, title: catalog.title },
    inputs: snapshotInputs,
    previousSnapshot: previousRef,
    inputHash,
    rules,
    trendSources,
    agency: levels.agency,
    goals: levels.goals,
    missionAreas: levels.missionAreas,
    objectives: levels.objectives,
    keyActivities: levels.keyActivities,
    offices: offices.map((office, index) => {
      const revision = submissionOf[index]?.revision;
      return {
        code: office.code,
        name: office.name,
        submitted: revision !== undefined,
        ...(revision !== undefined
          ? { revision: revision.revision, submittedAt: revision.acceptedAt, uploader: revision.uploader }
          : {}),
        ...(levels.offices[index] as LevelSummary),
      };
    }),
    rows,
    changes: { statusMoves },
    completeness: {
      officesExpected,
      officesSubmitted,
      officesMissing: officesExpected.filter((code) => !submittedSet.has(code)),
      activitiesNotReported,
      carriedForward,
      overdueMilestones,
    },
    atRisk,
    trend: [],
  };
  snapshot.trend = [...history.map((source) => source.point), trendPointOf(snapshot)];
  return snapshot;
}

/** One office's entry as the snapshot shows it; a carried value gets this period's overdue flag. */
function snapshotRowOf(
  source: ProgressRow | SnapshotRow,
  office: string,
  kind: SnapshotRow['source'],
  fromPeriod: string,
  revision: number,
  asOf: string,
): SnapshotRow {
  const row: SnapshotRow = {
    office,
    activityId: source.activityId,
    status: source.status,
    percentComplete: source.percentComplete,
    milestoneOverdue:
      source.milestoneDue !== undefined && source.milestoneDue < asOf && source.status !== 'Complete',
    source: kind,
    fromPeriod,
    revision,
  };
  if (source.metric !== undefined) row.metric = source.metric;
  if (source.actual !== undefined) row.actual = source.actual;
  if (source.target !== undefined) row.target = source.target;
  if (source.actual !== undefined && source.target !== undefined && source.target !== 0) {
    const attainment = source.actual / source.target;
    if (Number.isFinite(attainment)) row.attainment = roundRatio(attainment);
  }
  if (source.nextMilestone !== undefined) row.nextMilestone = source.nextMilestone;
  if (source.milestoneDue !== undefined) row.milestoneDue = source.milestoneDue;
  if (source.accomplishments !== undefined) row.accomplishments = source.accomplishments;
  if (source.risksAndIssues !== undefined) row.risksAndIssues = source.risksAndIssues;
  if (source.pointOfContact !== undefined) row.pointOfContact = source.pointOfContact;
  return row;
}

/** The earlier periods' points the trend keeps: the 11 periods before this one, oldest first. */
function trendHistory(history: readonly TrendSource[], period: Period): TrendSource[] {
  const first = addMonths(period, -TREND_HISTORY_PERIODS);
  const kept = history.filter(
    (source) =>
      comparePeriods(source.point.period as Period, first) >= 0 &&
      comparePeriods(source.point.period as Period, period) < 0,
  );
  kept.sort((left, right) => comparePeriods(left.point.period as Period, right.point.period as Period));
  for (let index = 1; index < kept.length; index++) {
    if (kept[index]?.point.period === kept[index - 1]?.point.period)
      throw new Error(`the trend history has two points for ${kept[index]?.point.period}`);
  }
  for (const source of kept) {
    if (source.ref.period !== source.point.period)
      throw new Error(`trend point ${source.point.period} names snapshot ${source.ref.period}`);
  }
  return kept;
}

interface LevelInputs {
  readonly catalog: Catalog;
  readonly period: Period;
  readonly asOf: string;
  readonly weights: Weights;
  readonly activityTotals: readonly Totals[];
  readonly activityPercentSum: Float64Array;
  readonly officeTotals: readonly Totals[];
  readonly officePercentSum: Float64Array;
  readonly previous: RollupSnapshot | null;
  readonly history: readonly TrendPoint[];
}

function summarizeLevels(input: LevelInputs) {
  const { catalog, weights, previous } = input;
  const byId = <T extends { id: string }>(items: readonly T[] | undefined) =>
    new Map((items ?? []).map((item) => [item.id, item]));
  const previousGoals = byId(previous?.goals);
  const previousAreas = byId(previous?.missionAreas);
  const previousObjectives = byId(previous?.objectives);
  const previousActivities = byId(previous?.keyActivities);
  const previousOffices = new Map((previous?.offices ?? []).map((office) => [office.code, office]));

  /** Earlier points of a level that has a trend (agency, goals, mission areas). */
  const withHistory = (
    pick: (point: TrendPoint) => { percentComplete: number | null } | undefined,
    previousLevel: LevelSummary | undefined,
  ) => {
    const points = input.history.flatMap((point) => {
      const level = pick(point);
      return level === undefined ? [] : [{ period: point.period, percentComplete: level.percentComplete }];
    });
    if (previous !== null && previousLevel !== undefined && !points.some((p) => p.period === previous.period))
      points.push({ period: previous.period, percentComplete: previousLevel.percentComplete });
    return points;
  };
  /** Earlier points of a level that only the previous snapshot knows (the rest). */
  const fromPrevious = (previousLevel: LevelSummary | undefined) =>
    previous !== null && previousLevel !== undefined
      ? [{ period: previous.period, percentComplete: previousLevel.percentComplete }]
      : [];

  const summarize = (
    totals: Totals,
    percent: number | null,
    previousLevel: LevelSummary | undefined,
    earlier: readonly { period: string; percentComplete: number | null }[],
  ): LevelSummary => {
    const statusCounts = Object.fromEntries(
      COUNTED_STATUSES.map((status, index) => [status, totals.counts[index] as number]),
    ) as StatusCounts;
    const { status, rule } = overallStatusOf({ statusCounts, expected: totals.expected });
    const likelihood = likelihoodOf({
      period: input.period,
      status,
      percentComplete: percent,
      earlier,
      deadline: totals.deadline === '' ? undefined : totals.deadline,
      asOf: input.asOf,
    });
    const percentComplete = percent === null ? null : roundPercent(percent);
    const previousPercent = previousLevel?.percentComplete ?? null;
    const delta = percentDelta(previousPercent, percentComplete);
    return {
      statusCounts,
      expected: totals.expected,
      reported: totals.reported,
      carriedForward: totals.carried,
      missing: totals.expected - totals.reported - totals.carried,
      percentComplete,
      metricAttainment: totals.metricCount > 0 ? roundRatio(totals.metricSum / totals.metricCount) : null,
      metricCount: totals.metricCount,
      status,
      statusRule: rule,
      likelihood: likelihood.likelihood,
      likelihoodRule: likelihood.rule,
      change: {
        previousStatus: previousLevel?.status ?? null,
        previousPercentComplete: previousPercent,
        percentDelta: delta === null ? null : roundPercent(delta),
        movement: previousLevel === undefined ? 'new' : movementOf(previousLevel.status, status),
      },
    };
  };

  const activityPercent = input.activityTotals.map((totals, index) => {
    const withData = totals.reported + totals.carried;
    return withData > 0 ? (input.activityPercentSum[index] as number) / withData : null;
  });
  const activityIndex = new Map(catalog.keyActivities.map((activity, index) => [activity.id, index]));

  const keyActivities = catalog.keyActivities.map((activity, index) => {
    const previousLevel = previousActivities.get(activity.id);
    return {
      id: activity.id,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      text: activity.text,
      offices: [...activity.offices],
      ...summarize(
        input.activityTotals[index] as Totals,
        activityPercent[index] ?? null,
        previousLevel,
        fromPrevious(previousLevel),
      ),
    };
  });

  const objectiveTotals = new Map<string, Totals>();
  const objectivePercent = new Map<string, number | null>();
  const objectives = catalog.objectives.map((objective) => {
    const totals = newTotals();
    const parts = objective.keyActivities.map((activity) => {
      const index = activityIndex.get(activity.id) as number;
      addInto(totals, input.activityTotals[index] as Totals);
      return { value: activityPercent[index] ?? null, weight: weights.keyActivity(activity.id) };
    });
    const percent = weightedMean(parts);
    objectiveTotals.set(objective.id, totals);
    objectivePercent.set(objective.id, percent);
    const previousLevel = previousObjectives.get(objective.id);
    return {
      id: objective.id,
      goalId: objective.goalId,
      ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
      title: objective.title,
      ...summarize(totals, percent, previousLevel, fromPrevious(previousLevel)),
    };
  });

  /** Totals and weighted percent of a group of objectives (a goal or a mission area). */
  const group = (members: readonly Catalog['objectives'][number][]) => {
    const totals = newTotals();
    const parts = members.map((objective) => {
      addInto(totals, objectiveTotals.get(objective.id) as Totals);
      return { value: objectivePercent.get(objective.id) ?? null, weight: weights.objective(objective.id) };
    });
    return { totals, percent: weightedMean(parts) };
  };

  const goalParts: { value: number | null; weight: number }[] = [];
  const agencyTotals = newTotals();
  const goals = catalog.goals.map((goal) => {
    const { totals, percent } = group(catalog.objectives.filter((objective) => objective.goalId === goal.id));
    addInto(agencyTotals, totals);
    goalParts.push({ value: percent, weight: weights.goal(goal.id) });
    const previousLevel = previousGoals.get(goal.id);
    return {
      id: goal.id,
      title: goal.title,
      ...summarize(
        totals,
        percent,
        previousLevel,
        withHistory((point) => point.goals.find((entry) => entry.id === goal.id), previousLevel),
      ),
    };
  });

  const missionAreas = catalog.missionAreas.map((area) => {
    const { totals, percent } = group(
      catalog.objectives.filter((objective) => objective.missionAreaId === area.id),
    );
    const previousLevel = previousAreas.get(area.id);
    return {
      id: area.id,
      goalId: area.goalId,
      title: area.title,
      ...summarize(
        totals,
        percent,
        previousLevel,
        withHistory((point) => point.missionAreas.find((entry) => entry.id === area.id), previousLevel),
      ),
    };
  });

  const previousAgency = previous?.agency;
  const agency = summarize(
    agencyTotals,
    weightedMean(goalParts),
    previousAgency,
    withHistory((point) => point.agency, previousAgency),
  );

  const officeLevels = catalog.offices.map((office, index) => {
    const totals = input.officeTotals[index] as Totals;
    const withData = totals.reported + totals.carried;
    const percent = withData > 0 ? (input.officePercentSum[index] as number) / withData : null;
    const previousLevel = previousOffices.get(office.code);
    return summarize(totals, percent, previousLevel, fromPrevious(previousLevel));
  });

  return { agency, goals, missionAreas, objectives, keyActivities, offices: officeLevels };
}
