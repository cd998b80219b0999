import type { Status } from '../progress';
import { daysBetween } from './calendar-days';
import type { Movement } from './rollup-snapshot';

/** The parts of the severity formula (docs/status-rules.md, "At-risk ranking"). */
export const SEVERITY = {
  status: { 'Off Track': 3, 'At Risk': 2 } as Readonly<Partial<Record<Status, number>>>,
  /** A milestone due before the period's end and not Complete adds this … */
  overdueMilestone: 1,
  /** … plus up to this much more, growing linearly with the days overdue up to a year. */
  overdueByYear: 1,
  /** A status that got worse this period (newly at risk, worsened) adds this. */
  worsened: 0.5,
  /** Work left, (100 − percent complete) ÷ 100, is added times this. */
  remaining: 1,
} as const;

export interface AtRiskCandidate {
  readonly status: Status;
  readonly percentComplete: number;
  readonly milestoneDue?: string;
  readonly milestoneOverdue: boolean;
  readonly movement: Movement | null;
  readonly source: 'reported' | 'carried-forward';
  readonly fromPeriod: string;
}

/** An entry is on the at-risk list when At Risk or Off Track, or when its milestone is overdue. */
export function isAtRisk(entry: Pick<AtRiskCandidate, 'status' | 'milestoneOverdue'>): boolean {
  return entry.status === 'At Risk' || entry.status === 'Off Track' || entry.milestoneOverdue;
}

/**
 * severity = status (Off Track 3, At Risk 2, otherwise 0)
 *          + overdue milestone (1 + days overdue ÷ 365, capped at 2)
 *          + 0.5 when the status worsened or newly became at risk this period
 *          + (100 − percent complete) ÷ 100
 */
export function severityOf(entry: AtRiskCandidate, asOf: string): number {
  let severity = SEVERITY.status[entry.status] ?? 0;
  if (entry.milestoneOverdue && entry.milestoneDue !== undefined) {
    const days = daysBetween(entry.milestoneDue, asOf);
    severity += SEVERITY.overdueMilestone + (SEVERITY.overdueByYear * Math.min(days, 365)) / 365;
  }
  if (entry.movement === 'newly-at-risk' || entry.movement === 'worsened') severity += SEVERITY.worsened;
  severity += (SEVERITY.remaining * (100 - entry.percentComplete)) / 100;
  return severity;
}

/** Why the entry is on the list, in words, most important first. */
export function reasonsOf(entry: AtRiskCandidate, asOf: string, previousPeriod: string | null): string[] {
  const reasons: string[] = [];
  if (entry.status === 'Off Track' || entry.status === 'At Risk') reasons.push(`reported ${entry.status}`);
  if (entry.milestoneOverdue && entry.milestoneDue !== undefined) {
    const days = daysBetween(entry.milestoneDue, asOf);
    reasons.push(`milestone due ${entry.milestoneDue} is ${days} day${days === 1 ? '' : 's'} overdue`);
  }
  if (entry.movement === 'newly-at-risk' && previousPeriod !== null)
    reasons.push(`newly at risk since ${previousPeriod}`);
  if (entry.movement === 'worsened' && previousPeriod !== null)
    reasons.push(`worsened since ${previousPeriod}`);
  if (entry.source === 'carried-forward')
    reasons.push(`not reported this period: carried forward from ${entry.fromPeriod}`);
  return reasons;
}
