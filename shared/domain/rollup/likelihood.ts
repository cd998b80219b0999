import type { Period } from '../period';
import { DAYS_PER_MONTH, daysBetween } from './calendar-days';
import { monthIndex } from './month-index';
import type { Likelihood, OverallStatus } from './rollup-snapshot';

/**
 * Thresholds on pace ÷ required pace: at or above LIKELY the trend reaches 100 % by the
 * deadline; between UNCERTAIN and LIKELY it falls short by at most a quarter.
 */
export const LIKELIHOOD_THRESHOLDS = { likely: 1, uncertain: 0.75 } as const;

/**
 * At or above this share of a level's entries with data having an overdue milestone, the pace
 * verdict is lowered one step: the trend says "on pace", the missed dates say otherwise.
 */
export const OVERDUE_SHARE_LOWERS = 0.2;

/** The likelihood rules' ids, in the order they are tried (docs/status-rules.md). */
export const LIKELIHOOD_RULES = [
  'no-data',
  'complete',
  'no-deadline',
  'plan-ended',
  'milestones-past',
  'no-trend',
  'pace',
  'pace-milestones-overdue',
] as const;

export interface LikelihoodInput {
  readonly period: Period;
  readonly status: OverallStatus;
  /** This period's percent complete of the level (unrounded). */
  readonly percentComplete: number | null;
  /** The level's percent complete in earlier periods, any order; nulls are skipped. */
  readonly earlier: readonly { readonly period: string; readonly percentComplete: number | null }[];
  /** The latest milestone due date among the level's entries with data that are not Complete. */
  readonly deadline: string | undefined;
  /** The last day of the plan (catalog `endDate`): when given, the date "on time" means. */
  readonly planEnd?: string;
  /** Share (0–1) of the level's entries with data whose milestone is overdue. */
  readonly overdueShare: number;
  /** The last day of the period. */
  readonly asOf: string;
}

export interface LikelihoodAssessment {
  readonly likelihood: Likelihood;
  /** Id of the rule in docs/status-rules.md ("Likelihood of finishing on time") that decided. */
  readonly rule: (typeof LIKELIHOOD_RULES)[number];
  /** Percentage points per month: the least-squares slope of the trend, when one was fitted. */
  readonly pace?: number;
  /** Percentage points per month needed to reach 100 % by the deadline. */
  readonly requiredPace?: number;
}

/**
 * Likelihood of finishing on time: fits a straight line to the level's percent complete over the
 * periods it has (this one and earlier ones) and compares its slope with the pace still needed to
 * reach 100 % by the end of the plan (or, for a catalog without an end date, by the latest
 * milestone date the level's submitters gave). Milestones already missed lower the verdict.
 */
export function likelihoodOf(input: LikelihoodInput): LikelihoodAssessment {
  const percent = input.percentComplete;
  if (input.status === 'No Data' || percent === null) return { likelihood: 'Unknown', rule: 'no-data' };
  if (input.status === 'Complete' || percent >= 100) return { likelihood: 'Likely', rule: 'complete' };
  const deadline = input.planEnd ?? input.deadline;
  if (deadline === undefined) return { likelihood: 'Unknown', rule: 'no-deadline' };
  const monthsLeft = daysBetween(input.asOf, deadline) / DAYS_PER_MONTH;
  if (monthsLeft <= 0)
    return { likelihood: 'Unlikely', rule: input.planEnd !== undefined ? 'plan-ended' : 'milestones-past' };

  const points = [{ x: 0, y: percent }];
  const now = monthIndex(input.period);
  for (const point of input.earlier) {
    if (point.percentComplete === null) continue;
    const x = monthIndex(point.period) - now;
    if (x < 0) points.push({ x, y: point.percentComplete });
  }
  if (points.length < 2) return { likelihood: 'Unknown', rule: 'no-trend' };

  const pace = leastSquaresSlope(points);
  const requiredPace = (100 - percent) / monthsLeft;
  const ratio = pace / requiredPace;
  const likelihood =
    ratio >= LIKELIHOOD_THRESHOLDS.likely
      ? 'Likely'
      : ratio >= LIKELIHOOD_THRESHOLDS.uncertain
        ? 'Uncertain'
        : 'Unlikely';
  if (likelihood !== 'Unlikely' && input.overdueShare >= OVERDUE_SHARE_LOWERS) {
    const lowered = likelihood === 'Likely' ? 'Uncertain' : 'Unlikely';
    return { likelihood: lowered, rule: 'pace-milestones-overdue', pace, requiredPace };
  }
  return { likelihood, rule: 'pace', pace, requiredPace };
}

/** Slope of the least-squares line through the points (at least two distinct x). */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  let sumX = 0;
  let sumY = 0;
  for (const point of points) {
    sumX += point.x;
    sumY += point.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}
