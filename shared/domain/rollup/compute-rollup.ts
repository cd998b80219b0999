import type { Catalog, KeyActivity } from '../catalog/catalog';
import { InvalidInputError } from '../errors';
import { addMonths, comparePeriods, type Period, periodBounds } from '../period';
import { type ProgressRow, STATUSES, type Status } from '../progress';
import { isAtRisk, ReasonTexts, severityOf } from './at-risk';
import { mayCarryForward } from './carry-forward';
import { entryMovement, movementOf, percentDelta } from './change-detection';
import { entryIndexOf } from './entry-index';
import { inputHashOf } from './input-hash';
import { addInto, newTotals, Tally, type Totals } from './level-tally';
import { likelihoodOf } from './likelihood';
import { rankOrder, SEVERITY_SCALE } from './rank-order';
import {
  DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS,
  type PreviousSnapshot,
  ROLLUP_RULES_VERSION,
  type RollupInputs,
  type SnapshotRef,
  type SubmissionInput,
  type TrendSource,
} from './rollup-inputs';
import {
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
import { alignPrevious, alignSubmission } from './row-alignment';
import { COMPLETE, statusCodeOf } from './status-code';
import { overallStatusOf } from './status-rules';
import { trendPointOf } from './trend-point';
import { resolveWeights, type Weights, weightedMean } from './weights';

/** Earlier periods a snapshot's trend holds besides its own: twelve points in all. */
export const TREND_HISTORY_PERIODS = 11;
const MAX_CARRY_FORWARD_AGE_MONTHS = 120;

/** What an office without a revision this period reports: nothing. */
const NO_ROWS: readonly ProgressRow[] = [];

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
  const entries = entryIndexOf(catalog);
  const { officeCodes, activityIds, officeStart, entryActivity, entryCount } = entries;

  // 2. This period's rows, aligned with the entries; rows the catalog does not expect are left out.
  const submissionOf: (SubmissionInput | undefined)[] = new Array(officeCount).fill(undefined);
  for (const submission of inputs.submissions) {
    if (submission.revision.period !== period)
      throw new Error(
        `revision ${submission.revision.office} ${submission.revision.period} is not of ${period}`,
      );
    const office = entries.officeIndex.get(submission.revision.office);
    if (office === undefined) continue;
    if (submissionOf[office] !== undefined)
      throw new Error(`two current revisions for ${submission.revision.office} ${period}`);
    submissionOf[office] = submission;
  }
  const freshAt = new Int32Array(entryCount).fill(-1);
  for (let office = 0; office < officeCount; office++) {
    const submission = submissionOf[office];
    if (submission !== undefined)
      alignSubmission(
        entries,
        office,
        submission.rows,
        freshAt,
        () => `${submission.revision.office} ${period}`,
      );
  }

  // 3. The previous snapshot's rows and statuses by entry: what changed, what may be carried forward.
  const previousRows = previous === null ? [] : previous.snapshot.rows;
  const previousAt = new Int32Array(previous === null ? 0 : entryCount).fill(-1);
  const previousStatus = new Uint8Array(previous === null ? 0 : entryCount);
  if (previous !== null) alignPrevious(entries, previousRows, previousAt, previousStatus);

  // 4. One pass over the entries, office by office, into flat per-activity and per-office tallies.
  const activityTally = new Tally(activityCount);
  const officeTally = new Tally(officeCount);
  // Sized for every entry and trimmed after the pass: no regrowth of a million-slot array.
  const rows: SnapshotRow[] = new Array(entryCount);
  let rowCount = 0;
  const statusMoves: RollupSnapshot['changes']['statusMoves'] = [];
  const activitiesNotReported: RollupSnapshot['completeness']['activitiesNotReported'] = [];
  const carriedForward: RollupSnapshot['completeness']['carriedForward'] = [];
  const overdueMilestones: RollupSnapshot['completeness']['overdueMilestones'] = [];
  // At-risk items are built here, while each row is at hand, and only ordered afterwards.
  const riskItems: RollupSnapshot['atRisk'][number][] = [];
  const riskSeverities: number[] = [];
  const reasons = new ReasonTexts(asOf, previous?.snapshot.period ?? null);

  for (let office = 0; office < officeCount; office++) {
    const officeCode = officeCodes[office] as string;
    const submission = submissionOf[office];
    const officeRows = submission === undefined ? NO_ROWS : submission.rows;
    const revision = submission === undefined ? 0 : submission.revision.revision;
    const end = officeStart[office + 1] as number;
    for (let entry = officeStart[office] as number; entry < end; entry++) {
      const a = entryActivity[entry] as number;
      const activityId = activityIds[a] as string;
      const at = freshAt[entry] as number;
      const earlierAt = previous === null ? -1 : (previousAt[entry] as number);
      let row: SnapshotRow;
      if (at >= 0) {
        row = snapshotRowOf(
          officeRows[at] as ProgressRow,
          officeCode,
          activityId,
          'reported',
          period,
          revision,
          asOf,
        );
      } else {
        const earlier = earlierAt < 0 ? undefined : (previousRows[earlierAt] as SnapshotRow);
        if (earlier !== undefined && mayCarryForward(earlier.fromPeriod, period, maxAge)) {
          const from = earlier.fromPeriod;
          row = snapshotRowOf(
            earlier,
            officeCode,
            activityId,
            'carried-forward',
            from,
            earlier.revision,
            asOf,
          );
          carriedForward.push({ office: officeCode, activityId, fromPeriod: from });
        } else {
          activityTally.missing(a);
          officeTally.missing(office);
          activitiesNotReported.push({ office: officeCode, activityId });
          continue;
        }
      }
      rows[rowCount++] = row;

      const status = row.status;
      const code = statusCodeOf(status);
      if (code < 0)
        throw new Error(
          `${officeCode} ${activityId} has status ${status}, not one of ${STATUSES.join(', ')}`,
        );
      const carried = at < 0;
      const due = row.milestoneDue;
      const openDue = code === COMPLETE ? undefined : due;
      activityTally.add(a, code, carried, row.percentComplete, row.attainment, openDue, row.milestoneOverdue);
      officeTally.add(
        office,
        code,
        carried,
        row.percentComplete,
        row.attainment,
        openDue,
        row.milestoneOverdue,
      );
      if (row.milestoneOverdue) {
        const overdue: RollupSnapshot['completeness']['overdueMilestones'][number] = {
          office: officeCode,
          activityId,
          milestoneDue: due as string,
          status,
        };
        if (row.nextMilestone !== undefined) overdue.nextMilestone = row.nextMilestone;
        overdueMilestones.push(overdue);
      }

      let movement: Movement | null = null;
      if (previous !== null) {
        const previousCode = previousStatus[entry] as number;
        movement = entryMovement(previousCode, code);
        if (movement !== 'unchanged')
          statusMoves.push({
            office: officeCode,
            activityId,
            from: previousCode === 0 ? null : (STATUSES[previousCode - 1] as Status),
            to: status,
            movement,
          });
      }
      if (isAtRisk(row)) {
        const severity = Math.round(severityOf(row, movement, asOf) * SEVERITY_SCALE);
        riskSeverities.push(severity);
        const activity = activities[a] as KeyActivity;
        riskItems.push(atRiskItemOf(row, activity, severity / SEVERITY_SCALE, reasons.of(row, movement)));
      }
    }
  }

  rows.length = rowCount;

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
    activityTally,
    officeTally,
    previous: previous?.snapshot ?? null,
    history: history.map((source) => source.point),
  });

  // 7. The at-risk list, most severe first; ties in office, then key activity order (the order
  // the candidates were found in).
  const atRisk = rankOrder(riskSeverities).map((candidate, position) => {
    const item = riskItems[candidate] as RollupSnapshot['atRisk'][number];
    item.rank = position + 1;
    return item;
  });

  const officesExpected = offices
    .filter((office) => catalog.activitiesOf(office.code).length > 0)
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
  readonly activityTally: Tally;
  readonly officeTally: Tally;
  readonly previous: PreviousSnapshot | null;
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
    const counts = totals.counts;
    const statusCounts: StatusCounts = {
      'Not Started': counts[0] as number,
      'On Track': counts[1] as number,
      'At Risk': counts[2] as number,
      'Off Track': counts[3] as number,
      Complete: counts[4] as number,
      'Not Reported': counts[5] as number,
    };
    const { status, rule } = overallStatusOf({ statusCounts, expected: totals.expected });
    const likelihood = likelihoodOf({
      period: input.period,
      status,
      percentComplete: percent,
      earlier,
      deadline: totals.deadline === '' ? undefined : totals.deadline,
      ...(catalog.endDate !== undefined ? { planEnd: catalog.endDate } : {}),
      overdueShare:
        totals.reported + totals.carried > 0 ? totals.overdue / (totals.reported + totals.carried) : 0,
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

  const activityTotals = catalog.keyActivities.map((_activity, index) => input.activityTally.totalsOf(index));
  const activityPercent = catalog.keyActivities.map((_activity, index) =>
    input.activityTally.percentOf(index),
  );
  const activityIndex = new Map(catalog.keyActivities.map((activity, index) => [activity.id, index]));

  const keyActivities = catalog.keyActivities.map((activity, index) => {
    const previousLevel = previousActivities.get(activity.id);
    return {
      id: activity.id,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      text: activity.text,
      // The catalog's own (frozen) list: nothing can change it, so no copy per activity.
      offices: activity.offices as string[],
      ...summarize(
        activityTotals[index] as Totals,
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
      addInto(totals, activityTotals[index] as Totals);
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
    const totals = input.officeTally.totalsOf(index);
    const percent = input.officeTally.percentOf(index);
    const previousLevel = previousOffices.get(office.code);
    return summarize(totals, percent, previousLevel, fromPrevious(previousLevel));
  });

  return { agency, goals, missionAreas, objectives, keyActivities, offices: officeLevels };
}
