import type { Period } from '../domain/period';
import type { SnapshotInput, TrendPoint } from '../domain/rollup/rollup-snapshot';

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

/** Enough to load and check a stored snapshot (a report manifest's snapshot reference is one). */
export type SnapshotReference = Pick<SnapshotRecord, 'period' | 'version' | 'key' | 'sha256'>;

/**
 * The table side of rollup snapshots: one item per version, and one per distinct input hash so an
 * unchanged re-run stores nothing. Only stores and fetches; the conditional writes say whether
 * they took effect. The order of writes is the use case's (shared/use-cases/snapshot-storage.ts).
 */
export interface SnapshotIndex {
  /** The version a completed save of these inputs recorded, if any. */
  versionOfInputs(period: Period, inputHash: string): Promise<number | undefined>;
  /** Claims the input hash for one save; false when a completed save holds it already. */
  claimInputs(period: Period, inputHash: string): Promise<boolean>;
  /** Notes on the input hash the version it was saved as. */
  setInputsVersion(period: Period, inputHash: string, version: number): Promise<void>;
  /** Indexes a version; false when that version number is taken. */
  putRecord(record: SnapshotRecord): Promise<boolean>;
  /** One version, read consistently. */
  record(period: Period, version: number): Promise<SnapshotRecord | undefined>;
  /** The latest version for the period, if any. */
  latest(period: Period): Promise<SnapshotRecord | undefined>;
  /** Every version for the period, oldest first. */
  versions(period: Period): Promise<SnapshotRecord[]>;
  /** The latest version of each period from `from` to `to` that has one, oldest first (one Query). */
  latestInRange(from: Period, to: Period): Promise<SnapshotRecord[]>;
}
