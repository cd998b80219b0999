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

/** What the ranking reads of an entry (a snapshot row has it all). */
export interface AtRiskCandidate {
  readonly status: Status;
  readonly percentComplete: number;
  readonly milestoneDue?: string;
  readonly milestoneOverdue: boolean;
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
export function severityOf(entry: AtRiskCandidate, movement: Movement | null, asOf: string): number {
  let severity = SEVERITY.status[entry.status] ?? 0;
  if (entry.milestoneOverdue && entry.milestoneDue !== undefined) {
    const days = daysBetween(entry.milestoneDue, asOf);
    severity += SEVERITY.overdueMilestone + (SEVERITY.overdueByYear * Math.min(days, 365)) / 365;
  }
  if (movement === 'newly-at-risk' || movement === 'worsened') severity += SEVERITY.worsened;
  severity += (SEVERITY.remaining * (100 - entry.percentComplete)) / 100;
  return severity;
}

/** Why the entry is on the list, in words, most important first. */
export function reasonsOf(
  entry: AtRiskCandidate,
  movement: Movement | null,
  asOf: string,
  previousPeriod: string | null,
): string[] {
  return new ReasonTexts(asOf, previousPeriod).of(entry, movement);
}

/**
 * The reasons of one rollup's entries, each distinct sentence built once: a list of a hundred
 * thousand at-risk entries repeats a handful (one per status, overdue date and source period).
 */
export class ReasonTexts {
  private readonly overdue = new Map<string, string>();
  private readonly carried = new Map<string, string>();
  private readonly newlyAtRisk: string;
  private readonly worsened: string;

  constructor(
    private readonly asOf: string,
    private readonly previousPeriod: string | null,
  ) {
    this.newlyAtRisk = `newly at risk since ${previousPeriod}`;
    this.worsened = `worsened since ${previousPeriod}`;
  }

  of(entry: AtRiskCandidate, movement: Movement | null): string[] {
    // At most four reasons, gathered first and returned as one exact-size array: a hundred
    // thousand arrays grown by push would each reserve room for seventeen.
    const status =
      entry.status === 'Off Track'
        ? 'reported Off Track'
        : entry.status === 'At Risk'
          ? 'reported At Risk'
          : undefined;
    const due = entry.milestoneDue;
    let overdue: string | undefined;
    if (entry.milestoneOverdue && due !== undefined) {
      overdue = this.overdue.get(due);
      if (overdue === undefined) {
        const days = daysBetween(due, this.asOf);
        overdue = `milestone due ${due} is ${days} day${days === 1 ? '' : 's'} overdue`;
        this.overdue.set(due, overdue);
      }
    }
    const moved =
      this.previousPeriod === null
        ? undefined
        : movement === 'newly-at-risk'
          ? this.newlyAtRisk
          : movement === 'worsened'
            ? this.worsened
            : undefined;
    let carried: string | undefined;
    if (entry.source === 'carried-forward') {
      carried = this.carried.get(entry.fromPeriod);
      if (carried === undefined) {
        carried = `not reported this period: carried forward from ${entry.fromPeriod}`;
        this.carried.set(entry.fromPeriod, carried);
      }
    }
    const texts = [status, overdue, moved, carried];
    let count = 0;
    for (const text of texts) if (text !== undefined) count++;
    const reasons = new Array<string>(count);
    let position = 0;
    for (const text of texts) if (text !== undefined) reasons[position++] = text;
    return reasons;
  }
}
