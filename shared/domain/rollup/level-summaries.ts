import type { Catalog } from '../catalog/catalog';
import type { Period } from '../period';
import { movementOf, percentDelta } from './change-detection';
import { addInto, newTotals, type Tally, type Totals } from './level-tally';
import { likelihoodOf } from './likelihood';
import type { PreviousSnapshot } from './rollup-inputs';
import type { LevelSummary, RollupSnapshot, StatusCounts, TrendPoint } from './rollup-snapshot';
import { roundPercent, roundRatio } from './rounding';
import { overallStatusOf } from './status-rules';
import { type Weights, weightedMean } from './weights';

export interface LevelInputs {
  readonly catalog: Catalog;
  readonly period: Period;
  readonly asOf: string;
  readonly weights: Weights;
  readonly activityTally: Tally;
  readonly officeTally: Tally;
  readonly previous: PreviousSnapshot | null;
  readonly history: readonly TrendPoint[];
}

type Levels = Pick<RollupSnapshot, 'agency' | 'goals' | 'missionAreas' | 'objectives' | 'keyActivities'> & {
  readonly offices: LevelSummary[];
};

/** An earlier figure of a level: what its likelihood of finishing on time is judged from. */
type EarlierPoint = { period: string; percentComplete: number | null };

/** A group's counts and sums, with its weighted percent complete. */
interface GroupTotals {
  readonly totals: Totals;
  readonly percent: number | null;
}

/**
 * Step 6 of the rollup: every level's summary. Key activities and offices come from the pass's
 * tallies; objectives are summed from their key activities, goals and mission areas from their
 * objectives, the agency from the goals, each percent weighted (docs/status-rules.md).
 */
export function summarizeLevels(input: LevelInputs): Levels {
  const earlier = earlierPoints(input);
  const activities = keyActivityLevels(input, earlier);
  const objectives = objectiveLevels(input, earlier, activities.groups);
  const goals = goalLevels(input, earlier, objectives.groups);
  const missionAreas = missionAreaLevels(input, earlier, objectives.groups);
  const agency = summarizeLevel(
    input,
    goals.agency,
    input.previous?.agency,
    earlier.withHistory((point) => point.agency, input.previous?.agency),
  );
  return {
    agency,
    goals: goals.levels,
    missionAreas,
    objectives: objectives.levels,
    keyActivities: activities.levels,
    offices: officeLevels(input, earlier),
  };
}

/** The earlier figures a level's likelihood is judged from. */
interface EarlierPoints {
  /** For levels with a trend (agency, goals, mission areas): the trend history, and the previous snapshot. */
  withHistory(
    pick: (point: TrendPoint) => { percentComplete: number | null } | undefined,
    previousLevel: LevelSummary | undefined,
  ): EarlierPoint[];
  /** For the other levels: the previous snapshot's figure only. */
  fromPrevious(previousLevel: LevelSummary | undefined): EarlierPoint[];
}

function earlierPoints({ previous, history }: LevelInputs): EarlierPoints {
  return {
    withHistory(pick, previousLevel) {
      const points = history.flatMap((point) => {
        const level = pick(point);
        return level === undefined ? [] : [{ period: point.period, percentComplete: level.percentComplete }];
      });
      if (
        previous !== null &&
        previousLevel !== undefined &&
        !points.some((p) => p.period === previous.period)
      )
        points.push({ period: previous.period, percentComplete: previousLevel.percentComplete });
      return points;
    },
    fromPrevious(previousLevel) {
      return previous !== null && previousLevel !== undefined
        ? [{ period: previous.period, percentComplete: previousLevel.percentComplete }]
        : [];
    },
  };
}

const byId = <T extends { id: string }>(items: readonly T[] | undefined) =>
  new Map((items ?? []).map((item) => [item.id, item]));

function keyActivityLevels(input: LevelInputs, earlier: EarlierPoints) {
  const { catalog, activityTally } = input;
  const previousActivities = byId(input.previous?.keyActivities);
  const groups = new Map<string, GroupTotals>();
  const levels = catalog.keyActivities.map((activity, index) => {
    const group = { totals: activityTally.totalsOf(index), percent: activityTally.percentOf(index) };
    groups.set(activity.id, group);
    const previousLevel = previousActivities.get(activity.id);
    return {
      id: activity.id,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      text: activity.text,
      // The catalog's own (frozen) list: nothing can change it, so no copy per activity.
      offices: activity.offices as string[],
      ...summarizeLevel(input, group, previousLevel, earlier.fromPrevious(previousLevel)),
    };
  });
  return { levels, groups };
}

function objectiveLevels(
  input: LevelInputs,
  earlier: EarlierPoints,
  activities: ReadonlyMap<string, GroupTotals>,
) {
  const { catalog, weights } = input;
  const previousObjectives = byId(input.previous?.objectives);
  const groups = new Map<string, GroupTotals>();
  const levels = catalog.objectives.map((objective) => {
    const group = weightedGroup(
      objective.keyActivities.map((activity) => activity.id),
      activities,
      (id) => weights.keyActivity(id),
    );
    groups.set(objective.id, group);
    const previousLevel = previousObjectives.get(objective.id);
    return {
      id: objective.id,
      goalId: objective.goalId,
      ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
      title: objective.title,
      ...summarizeLevel(input, group, previousLevel, earlier.fromPrevious(previousLevel)),
    };
  });
  return { levels, groups };
}

/** Goals from their objectives; the agency is summed and weighted from the goals. */
function goalLevels(
  input: LevelInputs,
  earlier: EarlierPoints,
  objectives: ReadonlyMap<string, GroupTotals>,
) {
  const { catalog, weights } = input;
  const previousGoals = byId(input.previous?.goals);
  const agencyTotals = newTotals();
  const goalParts: { value: number | null; weight: number }[] = [];
  const levels = catalog.goals.map((goal) => {
    const members = catalog.objectives.filter((objective) => objective.goalId === goal.id);
    const group = weightedGroup(
      members.map((objective) => objective.id),
      objectives,
      (id) => weights.objective(id),
    );
    addInto(agencyTotals, group.totals);
    goalParts.push({ value: group.percent, weight: weights.goal(goal.id) });
    const previousLevel = previousGoals.get(goal.id);
    const history = earlier.withHistory(
      (point) => point.goals.find((entry) => entry.id === goal.id),
      previousLevel,
    );
    return { id: goal.id, title: goal.title, ...summarizeLevel(input, group, previousLevel, history) };
  });
  return { levels, agency: { totals: agencyTotals, percent: weightedMean(goalParts) } };
}

function missionAreaLevels(
  input: LevelInputs,
  earlier: EarlierPoints,
  objectives: ReadonlyMap<string, GroupTotals>,
): RollupSnapshot['missionAreas'] {
  const { catalog, weights } = input;
  const previousAreas = byId(input.previous?.missionAreas);
  return catalog.missionAreas.map((area) => {
    const members = catalog.objectives.filter((objective) => objective.missionAreaId === area.id);
    const group = weightedGroup(
      members.map((objective) => objective.id),
      objectives,
      (id) => weights.objective(id),
    );
    const previousLevel = previousAreas.get(area.id);
    const history = earlier.withHistory(
      (point) => point.missionAreas.find((entry) => entry.id === area.id),
      previousLevel,
    );
    return {
      id: area.id,
      goalId: area.goalId,
      title: area.title,
      ...summarizeLevel(input, group, previousLevel, history),
    };
  });
}

function officeLevels(input: LevelInputs, earlier: EarlierPoints): LevelSummary[] {
  const previousOffices = new Map((input.previous?.offices ?? []).map((office) => [office.code, office]));
  return input.catalog.offices.map((office, index) => {
    const group = { totals: input.officeTally.totalsOf(index), percent: input.officeTally.percentOf(index) };
    const previousLevel = previousOffices.get(office.code);
    return summarizeLevel(input, group, previousLevel, earlier.fromPrevious(previousLevel));
  });
}

/** The summed totals of a group's members and their percent, weighted by `weightOf`. */
function weightedGroup(
  memberIds: readonly string[],
  members: ReadonlyMap<string, GroupTotals>,
  weightOf: (id: string) => number,
): GroupTotals {
  const totals = newTotals();
  const parts = memberIds.map((id) => {
    const member = members.get(id) as GroupTotals;
    addInto(totals, member.totals);
    return { value: member.percent ?? null, weight: weightOf(id) };
  });
  return { totals, percent: weightedMean(parts) };
}

/** One level's summary: counts, percent, status and likelihood by the written rules, and its change. */
function summarizeLevel(
  input: LevelInputs,
  { totals, percent }: GroupTotals,
  previousLevel: LevelSummary | undefined,
  earlier: readonly EarlierPoint[],
): LevelSummary {
  const statusCounts = statusCountsOf(totals);
  const { status, rule } = overallStatusOf({ statusCounts, expected: totals.expected });
  const withData = totals.reported + totals.carried;
  const likelihood = likelihoodOf({
    period: input.period,
    status,
    percentComplete: percent,
    earlier,
    deadline: totals.deadline === '' ? undefined : totals.deadline,
    ...(input.catalog.endDate !== undefined ? { planEnd: input.catalog.endDate } : {}),
    overdueShare: withData > 0 ? totals.overdue / withData : 0,
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
}

function statusCountsOf({ counts }: Totals): StatusCounts {
  return {
    'Not Started': counts[0] as number,
    'On Track': counts[1] as number,
    'At Risk': counts[2] as number,
    'Off Track': counts[3] as number,
    Complete: counts[4] as number,
    'Not Reported': counts[5] as number,
  };
}
