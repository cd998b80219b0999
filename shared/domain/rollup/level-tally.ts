import { COUNTED_STATUSES, type SnapshotRow } from './rollup-snapshot';

/** Counted statuses per level: the five a submitter chooses, then 'Not Reported'. */
export const K = COUNTED_STATUSES.length;
export const NOT_REPORTED = COUNTED_STATUSES.indexOf('Not Reported');

/** Counts and sums of one level, before its percent and status are decided. */
export interface Totals {
  readonly counts: Int32Array;
  expected: number;
  reported: number;
  carried: number;
  /** Reported entries whose answers are unchanged since the previous period. */
  unchanged: number;
  metricSum: number;
  metricCount: number;
  /** Latest milestone due among entries with data that are not Complete ('' = none). */
  deadline: string;
  /** Entries with data whose milestone is overdue. */
  overdue: number;
}

export const newTotals = (): Totals => ({
  counts: new Int32Array(K),
  expected: 0,
  reported: 0,
  carried: 0,
  unchanged: 0,
  metricSum: 0,
  metricCount: 0,
  deadline: '',
  overdue: 0,
});

/** Adds a part's counts and sums into a whole: how every level above a key activity is built. */
export function addInto(target: Totals, part: Totals): void {
  for (let index = 0; index < K; index++)
    target.counts[index] = (target.counts[index] as number) + (part.counts[index] as number);
  target.expected += part.expected;
  target.reported += part.reported;
  target.carried += part.carried;
  target.unchanged += part.unchanged;
  target.metricSum += part.metricSum;
  target.metricCount += part.metricCount;
  if (part.deadline > target.deadline) target.deadline = part.deadline;
  target.overdue += part.overdue;
}

const bump = (array: Int32Array, index: number) => {
  array[index] = (array[index] as number) + 1;
};

/**
 * The per-entry pass's running tallies for many levels of one kind (every key activity, or
 * every office), in flat typed arrays: a million entries add to them without allocating.
 */
export class Tally {
  private readonly counts: Int32Array;
  private readonly expected: Int32Array;
  private readonly reported: Int32Array;
  private readonly carried: Int32Array;
  private readonly unchanged: Int32Array;
  private readonly metricCount: Int32Array;
  private readonly metricSum: Float64Array;
  private readonly percentSum: Float64Array;
  private readonly deadline: string[];
  private readonly overdue: Int32Array;

  constructor(size: number) {
    this.counts = new Int32Array(size * K);
    this.expected = new Int32Array(size);
    this.reported = new Int32Array(size);
    this.carried = new Int32Array(size);
    this.unchanged = new Int32Array(size);
    this.metricCount = new Int32Array(size);
    this.metricSum = new Float64Array(size);
    this.percentSum = new Float64Array(size);
    this.deadline = new Array<string>(size).fill('');
    this.overdue = new Int32Array(size);
  }

  /** An expected entry with no value this period: neither reported nor carried. */
  missing(index: number): void {
    bump(this.expected, index);
    bump(this.counts, index * K + NOT_REPORTED);
  }

  /**
   * An expected entry with a value: `row`, reported this period (perhaps unchanged) or carried
   * forward, whose status code is `status`; `openMilestoneDue` is its milestone date unless Complete.
   */
  add(index: number, status: number, row: SnapshotRow, openMilestoneDue: string | undefined): void {
    const { attainment, milestoneOverdue } = row;
    bump(this.expected, index);
    bump(row.source === 'carried-forward' ? this.carried : this.reported, index);
    if (row.unchanged === true) bump(this.unchanged, index);
    bump(this.counts, index * K + status);
    this.percentSum[index] = (this.percentSum[index] as number) + row.percentComplete;
    if (attainment !== undefined) {
      bump(this.metricCount, index);
      this.metricSum[index] = (this.metricSum[index] as number) + attainment;
    }
    if (openMilestoneDue !== undefined && openMilestoneDue > (this.deadline[index] as string))
      this.deadline[index] = openMilestoneDue;
    if (milestoneOverdue) bump(this.overdue, index);
  }

  totalsOf(index: number): Totals {
    return {
      counts: this.counts.slice(index * K, index * K + K),
      expected: this.expected[index] as number,
      reported: this.reported[index] as number,
      carried: this.carried[index] as number,
      unchanged: this.unchanged[index] as number,
      metricSum: this.metricSum[index] as number,
      metricCount: this.metricCount[index] as number,
      deadline: this.deadline[index] as string,
      overdue: this.overdue[index] as number,
    };
  }

  /** Mean percent complete of the entries with a value; null when there is none. */
  percentOf(index: number): number | null {
    const withData = (this.reported[index] as number) + (this.carried[index] as number);
    return withData > 0 ? (this.percentSum[index] as number) / withData : null;
  }
}
