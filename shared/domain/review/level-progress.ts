import { formatFiscalQuarter, quarterPeriods } from '../fiscal-quarter';
import type { Period } from '../period';
import { type LikelihoodAssessment, likelihoodOf } from '../rollup/likelihood';
import type { LevelSummary, OverallStatus } from '../rollup/rollup-snapshot';
import { activitiesOf, figureOf, type LevelKind, type QuarterView } from './quarter-view';

/** A level's progress over the quarter (31 U.S.C. §1121(b)(1)). */
export interface QuarterProgress {
  /** Percent complete at the start of the quarter: the month before it, else its first month with data. */
  readonly startPercent: number | null;
  /** The month `startPercent` is from; null when no month has a figure. */
  readonly startPeriod: string | null;
  readonly endPercent: number | null;
  readonly endPeriod: string;
  /** endPercent − startPercent in points; null when either is missing. */
  readonly change: number | null;
  readonly endStatus: OverallStatus;
  /** Entries that moved to Complete in one of the quarter's months. */
  readonly entriesCompleted: number;
}

/** One quarter of the trend: the level's figure in the quarter's last month with a snapshot. */
export interface TrendQuarter {
  readonly quarter: string;
  readonly period: string | null;
  readonly percentComplete: number | null;
  readonly status: OverallStatus | null;
}

export function quarterProgress(
  view: QuarterView,
  kind: LevelKind,
  id: string,
  summary: LevelSummary,
): QuarterProgress {
  const activities = activitiesOf(view.end, kind, id);
  const startFigure = view.before ? figureOf(view.before, kind, id) : undefined;
  const firstMonth = view.snapshots[0];
  const start =
    startFigure && view.before
      ? { period: view.before.period, percent: startFigure.percentComplete }
      : firstMonth
        ? {
            period: firstMonth.period,
            percent: levelsOf(firstMonth, kind).find((l) => l.id === id)?.percentComplete ?? null,
          }
        : { period: null, percent: null };
  const entriesCompleted = view.snapshots
    .flatMap((snapshot) => snapshot.changes.statusMoves)
    .filter((move) => move.movement === 'completed' && activities.has(move.activityId)).length;
  return {
    startPercent: start.percent,
    startPeriod: start.period,
    endPercent: summary.percentComplete,
    endPeriod: view.end.period,
    change:
      start.percent === null || summary.percentComplete === null
        ? null
        : summary.percentComplete - start.percent,
    endStatus: summary.status,
    entriesCompleted,
  };
}

/** The level's figure at the end of every quarter of the plan so far, oldest first. */
export function quarterTrend(view: QuarterView, kind: LevelKind, id: string): TrendQuarter[] {
  const startMonth = view.inputs.settings.fiscalYearStartMonth;
  return view.planQuarters.map((quarter) => {
    const periods = new Set<string>(quarterPeriods(quarter, startMonth));
    const month = view.inputs.history.filter((candidate) => periods.has(candidate.period)).at(-1);
    const figure = month ? figureOf(month, kind, id) : undefined;
    return {
      quarter: formatFiscalQuarter(quarter),
      period: month?.period ?? null,
      percentComplete: figure?.percentComplete ?? null,
      status: figure?.status ?? null,
    };
  });
}

/**
 * Likelihood of finishing by the plan's end date, by the rollup's rules (rollup/likelihood.ts),
 * with the pace fitted over every month of the plan so far rather than the rollup's twelve.
 */
export function quarterLikelihood(
  view: QuarterView,
  kind: LevelKind,
  id: string,
  summary: LevelSummary,
): LikelihoodAssessment {
  const { end } = view;
  const activities = activitiesOf(end, kind, id);
  const rows = end.rows.filter((row) => activities.has(row.activityId));
  const open = rows.filter((row) => row.status !== 'Complete' && row.milestoneDue !== undefined);
  const deadline = open
    .map((row) => row.milestoneDue as string)
    .sort()
    .at(-1);
  const overdue = end.completeness.overdueMilestones.filter((entry) =>
    activities.has(entry.activityId),
  ).length;
  return likelihoodOf({
    period: end.period as Period,
    status: summary.status,
    percentComplete: summary.percentComplete,
    earlier: view.inputs.history
      .filter((month) => month.period < end.period)
      .map((month) => ({
        period: month.period,
        percentComplete: figureOf(month, kind, id)?.percentComplete ?? null,
      })),
    deadline,
    ...(view.inputs.plan.endDate !== undefined ? { planEnd: view.inputs.plan.endDate } : {}),
    overdueShare: rows.length === 0 ? 0 : overdue / rows.length,
    asOf: end.asOf,
  });
}

/** The summaries of one kind of level in a snapshot. */
export function levelsOf(
  snapshot: QuarterView['end'],
  kind: LevelKind,
): readonly (LevelSummary & { id: string })[] {
  return kind === 'goal'
    ? snapshot.goals
    : kind === 'objective'
      ? snapshot.objectives
      : snapshot.missionAreas;
}
