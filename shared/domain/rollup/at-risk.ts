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
 * The reasons of one rollup's entries. A list of a hundred thousand at-risk entries has only a
 * handful of distinct reason lists (one per status, movement, overdue date and source period), so
 * each distinct sentence and each distinct list is built once and shared by every entry it fits.
 * Shared lists are frozen: a snapshot is data, and no reader may edit one entry's reasons (and
 * with them another's).
 */
export class ReasonTexts {
  /** Lists by overdue date ('' = not overdue), then source period ('' = reported this period). */
  private readonly lists = new Map<string, Map<string, (readonly string[] | undefined)[]>>();
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
    const status = entry.status === 'Off Track' ? 1 : entry.status === 'At Risk' ? 2 : 0;
    const moved =
      this.previousPeriod === null ? 0 : movement === 'newly-at-risk' ? 1 : movement === 'worsened' ? 2 : 0;
    const due = entry.milestoneOverdue && entry.milestoneDue !== undefined ? entry.milestoneDue : '';
    const from = entry.source === 'carried-forward' ? entry.fromPeriod : '';
    let byPeriod = this.lists.get(due);
    if (byPeriod === undefined) {
      byPeriod = new Map();
      this.lists.set(due, byPeriod);
    }
    let lists = byPeriod.get(from);
    if (lists === undefined) {
      lists = new Array(9).fill(undefined);
      byPeriod.set(from, lists);
    }
    const slot = status * 3 + moved;
    let list = lists[slot];
    if (list === undefined) {
      list = Object.freeze(this.listOf(status, moved, due, from));
      lists[slot] = list;
    }
    // Typed as the snapshot's string[]; frozen at run time (see above).
    return list as string[];
  }

  /** At most four reasons, most important first. */
  private listOf(status: number, moved: number, due: string, from: string): string[] {
    const reasons: string[] = [];
    if (status === 1) reasons.push('reported Off Track');
    if (status === 2) reasons.push('reported At Risk');
    if (due !== '') reasons.push(this.overdueText(due));
    if (moved === 1) reasons.push(this.newlyAtRisk);
    if (moved === 2) reasons.push(this.worsened);
    if (from !== '') reasons.push(this.carriedText(from));
    return reasons;
  }

  private overdueText(due: string): string {
    let text = this.overdue.get(due);
    if (text === undefined) {
      const days = daysBetween(due, this.asOf);
      text = `milestone due ${due} is ${days} day${days === 1 ? '' : 's'} overdue`;
      this.overdue.set(due, text);
    }
    return text;
  }

  private carriedText(fromPeriod: string): string {
    let text = this.carried.get(fromPeriod);
    if (text === undefined) {
      text = `not reported this period: carried forward from ${fromPeriod}`;
      this.carried.set(fromPeriod, text);
    }
    return text;
  }
}
