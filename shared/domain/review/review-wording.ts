import { formatLongDate, formatPercent, formatPeriodLong, formatPointChange } from '../report/display-format';
import type { Likelihood } from '../rollup/rollup-snapshot';
import type { Contributor } from './contributors';
import type { LevelReview } from './level-review';
import type { QuarterFacts } from './quarterly-review-inputs';

/**
 * The words of the quarterly review pack, in one place so the PDF, the HTML and the workbook say
 * the same thing, and a test can build the expected text the same way and find it.
 */
/** "July 2026 – September 2026". */
export const quarterMonths = (quarter: QuarterFacts) =>
  `${formatPeriodLong(quarter.periods[0])} – ${formatPeriodLong(quarter.periods[2])}`;

/** "FY2026-Q4 (July 2026 – September 2026)". */
export const quarterName = (quarter: QuarterFacts) => `${quarter.label} (${quarterMonths(quarter)})`;

export const packTitle = (quarter: QuarterFacts) => `Quarterly performance review, ${quarter.label}`;

export const levelLabel = (level: Pick<LevelReview, 'kind' | 'id' | 'title'>) =>
  level.kind === 'goal'
    ? `Goal ${level.id}: ${level.title}`
    : level.kind === 'objective'
      ? `Objective ${level.id}: ${level.title}`
      : `Mission area ${level.title}`;

/** "40.0% to 47.5% (+7.5 pts)". */
export const progressText = ({ progress }: Pick<LevelReview, 'progress'>) =>
  `${formatPercent(progress.startPercent)} to ${formatPercent(progress.endPercent)} (${formatPointChange(progress.change)})`;

/** Where the start figure is from: the month before the quarter, or its first month. */
export const startNote = ({ progress }: Pick<LevelReview, 'progress'>) =>
  progress.startPeriod === null
    ? 'no month has a figure'
    : `at the end of ${formatPeriodLong(progress.startPeriod)}`;

export const LIKELIHOOD_WORDS: Readonly<Record<Likelihood, string>> = {
  Likely: 'Likely to finish by the plan’s end',
  Uncertain: 'Uncertain to finish by the plan’s end',
  Unlikely: 'Unlikely to finish by the plan’s end',
  Unknown: 'Likelihood unknown',
};

/** "Likely (pace 1.8 pts/month, needs 1.2)" or the rule's id. */
export function likelihoodText({ likelihood }: Pick<LevelReview, 'likelihood'>): string {
  const pace =
    likelihood.pace !== undefined && likelihood.requiredPace !== undefined
      ? ` (pace ${likelihood.pace.toFixed(1)} pts/month, needs ${likelihood.requiredPace.toFixed(1)})`
      : ` (rule ${likelihood.rule})`;
  return `${likelihood.likelihood}${pace}`;
}

export const riskText = ({ risk }: Pick<LevelReview, 'risk'>) => `${risk.category}: ${risk.reason}`;

/** "FY2026-Q4 40.0% · FY2027-Q1 47.5%". */
export const trendText = ({ trend }: Pick<LevelReview, 'trend'>) =>
  trend.map((point) => `${point.quarter} ${formatPercent(point.percentComplete)}`).join(' · ');

export const timelinessText = (contributor: Pick<Contributor, 'onTime' | 'late' | 'notReported'>) =>
  `${contributor.onTime} on time, ${contributor.late} late, ${contributor.notReported} not reported`;

export const onTrackText = (contributor: Contributor) =>
  `${contributor.onTrack} of ${contributor.entries} (${formatPercent(contributor.onTrackShare * 100)})`;

export const unchangedText = (count: { reported: number; unchanged: number | null }) =>
  count.unchanged === null ? `not known of ${count.reported}` : `${count.unchanged} of ${count.reported}`;

export const dateText = (isoDate: string) => formatLongDate(isoDate);

/** The column headers the tables of every format share. */
export const HEADERS = {
  goalsSummary: ['Goal', 'Risk', 'Likelihood', 'Quarter progress', 'Completed', 'Next steps'],
  progress: ['Start', 'End', 'Change', 'Status', 'Entries completed', 'Unchanged'],
  contributors: ['Office', 'Reporting (months)', 'Entries on track', 'Unchanged (reported)'],
  strategies: ['Office', 'Key activity', 'Status', 'Risks and issues', 'Improvement strategy (mitigation)'],
  accomplishments: ['Month', 'Office', 'Key activity', 'Accomplishments'],
  nextSteps: ['Due', 'Office', 'Key activity', 'Milestone', 'Status'],
  levels: ['Level', 'Risk', 'Likelihood', 'Quarter progress', 'Completed', 'Unchanged', 'Trend'],
  dataQuality: [
    'Office',
    'Reliability',
    'Months (on time / late / not reported)',
    'Rejected before acceptance',
    'Unchanged (reported)',
  ],
} as const;
