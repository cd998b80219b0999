import type { Period } from '../domain/period';
import type { RollupSnapshot, SnapshotInput, TrendPoint } from '../domain/rollup/rollup-snapshot';

/** A stored snapshot's index entry; the snapshot itself is a JSON object in the reports bucket. */
export interface SnapshotRecord {
  readonly period: Period;
  /** 1, 2, 3, ... per period: a new version only when the inputs changed. */
  readonly version: number;
  readonly inputHash: string;
  /** SHA-256 of the stored JSON bytes. */
  readonly sha256: string;
  readonly key: string;
  readonly createdAt: string;
  readonly inputs: readonly SnapshotInput[];
  readonly headline: TrendPoint;
}

/** Enough to load and check a stored snapshot. */
export type SnapshotReference = Pick<SnapshotRecord, 'period' | 'version' | 'key' | 'sha256'>;

export type SaveSnapshotOutcome =
  | { readonly kind: 'stored'; readonly record: SnapshotRecord }
  /** A snapshot with the same input hash exists; nothing was written. */
  | { readonly kind: 'unchanged'; readonly record: SnapshotRecord };

/** Rollup snapshots: versioned per period, never overwritten. */
export interface SnapshotRepository {
  save(snapshot: RollupSnapshot, createdAt: Date): Promise<SaveSnapshotOutcome>;
  /** The latest version for the period, if any. */
  latest(period: Period): Promise<SnapshotRecord | undefined>;
  /** Every version for the period, oldest first. */
  versions(period: Period): Promise<SnapshotRecord[]>;
  /** The latest version of each period from `from` to `to` that has one, oldest first (one Query). */
  latestInRange(from: Period, to: Period): Promise<SnapshotRecord[]>;
  /**
   * The snapshot itself, checked against its recorded SHA-256. Takes only where it is and its hash,
   * so a report manifest's snapshot reference loads it too (`reports reproduce`).
   */
  load(record: SnapshotReference): Promise<RollupSnapshot>;
}
