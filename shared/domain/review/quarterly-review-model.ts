import type { RollupSnapshot } from '../rollup/rollup-snapshot';
import { type DataQualityAppendix, dataQualityAppendix } from './data-quality-appendix';
import { type ImprovementStrategy, improvementStrategiesOf } from './improvement-strategies';
import { type LevelReview, levelReview } from './level-review';
import { type OfficeMonth, officeMonths } from './office-timeliness';
import { quarterView } from './quarter-view';
import type { QuarterFacts, QuarterlyReviewInputs } from './quarterly-review-inputs';
import { type RiskCategory, riskOrder } from './risk-category';
import { type UnchangedCount, unchangedOfLevel } from './unchanged-count';

/** A goal's review with the improvement strategies of its entries at risk (for the goals most at risk). */
export interface GoalReview extends LevelReview {
  /** Whether it is among the goals most at risk (mostAtRiskGoals), which get improvement strategies. */
  readonly mostAtRisk: boolean;
  readonly improvementStrategies: readonly ImprovementStrategy[];
}

/** Everything the quarterly review pack says, computed from its inputs alone. */
export interface QuarterlyReviewModel {
  readonly quarter: QuarterFacts;
  readonly nextQuarter: QuarterFacts;
  readonly plan: QuarterlyReviewInputs['plan'];
  /** The day the quarter's figures speak as of: the last day of its latest month with a snapshot. */
  readonly asOf: string;
  /** The months of the quarter with a snapshot, and those without one. */
  readonly monthsWithData: readonly string[];
  readonly monthsWithoutData: readonly string[];
  readonly agency: {
    readonly startPercent: number | null;
    readonly endPercent: number | null;
    readonly endStatus: RollupSnapshot['agency']['status'];
    readonly unchanged: UnchangedCount;
  };
  /** Goals in catalog order. */
  readonly goals: readonly GoalReview[];
  readonly objectives: readonly LevelReview[];
  readonly missionAreas: readonly LevelReview[];
  /** How many goals fall in each risk category. */
  readonly riskCounts: Readonly<Record<RiskCategory, number>>;
  readonly offices: ReadonlyMap<string, readonly OfficeMonth[]>;
  readonly dataQuality: DataQualityAppendix;
  /** The snapshots the pack was computed from (month, version, SHA-256). */
  readonly sources: readonly { period: string; version: number; sha256: string }[];
}

/**
 * The goals most at risk, which get improvement strategies: the High-risk goals; when none is
 * High, the Medium ones. Low-risk goals never.
 */
export function mostAtRiskGoals(goals: readonly Pick<LevelReview, 'id' | 'risk'>[]): ReadonlySet<string> {
  const worst = goals.map((goal) => goal.risk.category).sort((a, b) => riskOrder(a) - riskOrder(b))[0];
  if (worst === undefined || worst === 'Low') return new Set();
  return new Set(goals.filter((goal) => goal.risk.category === worst).map((goal) => goal.id));
}

export function quarterlyReviewModel(inputs: QuarterlyReviewInputs): QuarterlyReviewModel {
  const view = quarterView(inputs);
  const { end } = view;
  const months = new Map(end.offices.map((office) => [office.code, officeMonths(inputs, office.code)]));
  const goalLevels = end.goals.map((goal) => levelReview(view, 'goal', goal, months));
  const atRisk = mostAtRiskGoals(goalLevels);
  const goals = goalLevels.map((goal) => ({
    ...goal,
    mostAtRisk: atRisk.has(goal.id),
    improvementStrategies: atRisk.has(goal.id) ? improvementStrategiesOf(view, goal.id) : [],
  }));
  const riskCounts = { High: 0, Medium: 0, Low: 0 };
  for (const goal of goals) riskCounts[goal.risk.category] += 1;
  return {
    quarter: inputs.quarter,
    nextQuarter: inputs.nextQuarter,
    plan: inputs.plan,
    asOf: end.asOf,
    monthsWithData: inputs.months.filter((month) => month.content !== null).map((month) => month.period),
    monthsWithoutData: inputs.months.filter((month) => month.content === null).map((month) => month.period),
    agency: {
      startPercent: view.before?.agency.percentComplete ?? view.snapshots[0]?.agency.percentComplete ?? null,
      endPercent: end.agency.percentComplete,
      endStatus: end.agency.status,
      unchanged: unchangedOfLevel(view.snapshots.map((snapshot) => snapshot.agency)),
    },
    goals,
    objectives: end.objectives.map((objective) => levelReview(view, 'objective', objective, months)),
    missionAreas: end.missionAreas.map((area) => levelReview(view, 'missionArea', area, months)),
    riskCounts,
    offices: months,
    dataQuality: dataQualityAppendix(view, months),
    sources: inputs.months.flatMap((month) =>
      month.snapshot
        ? [{ period: month.period, version: month.snapshot.version, sha256: month.snapshot.sha256 }]
        : [],
    ),
  };
}
