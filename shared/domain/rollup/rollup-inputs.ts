import type { Catalog } from '../catalog/catalog';
import type { Period } from '../period';
import type { ProgressRow } from '../progress';
import type { Attestation } from '../submission/attestation';
import type { RollupSnapshot, TrendPoint } from './rollup-snapshot';
import type { WeightOverrides } from './weights';

/**
 * The rules version: bump it whenever a change to the rollup's rules or arithmetic would make the
 * same inputs give a different snapshot. It is part of the input hash, so a bump makes the next
 * run store a new snapshot version instead of answering "unchanged" with the old numbers.
 */
export const ROLLUP_RULES_VERSION = 2;

/** A stored snapshot, as the snapshot it feeds names it. */
export interface SnapshotRef {
  readonly period: string;
  readonly version: number;
  /** SHA-256 of the stored snapshot bytes. */
  readonly sha256: string;
}

/** What the rollup needs of an accepted revision (a `RevisionRecord` satisfies it). */
export interface SubmittedRevision {
  readonly office: string;
  readonly period: string;
  readonly revision: number;
  readonly submissionId: string;
  readonly sha256: string;
  readonly acceptedAt: string;
  readonly uploader: string;
  readonly rowCount: number;
  readonly templateVersion?: string;
  readonly attestation?: Attestation;
  readonly comparedWith?: { readonly period: string; readonly revision: number } | null;
}

/** An office's current revision for the period with its rows. */
export interface SubmissionInput {
  readonly revision: SubmittedRevision;
  readonly rows: readonly ProgressRow[];
}

/** An earlier period's headline numbers, and the stored snapshot they come from. */
export interface TrendSource {
  readonly ref: SnapshotRef;
  readonly point: TrendPoint;
}

export interface RollupOptions {
  /**
   * How many months old a value may be and still be carried forward into a period its office did
   * not report (age = this period − the period it was reported in). 0 turns carry-forward off.
   */
  readonly carryForwardMaxAgeMonths?: number;
  /** Weights that differ from the default of 1 (docs/status-rules.md). */
  readonly weights?: WeightOverrides;
}

/** Three months: one quarter, the review cycle of 31 U.S.C. §1121(b). */
export const DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS = 3;

/**
 * What the rollup reads of the previous period's snapshot: its rows (changes, carry-forward) and
 * its level summaries (each level's change). A stored snapshot has more — the at-risk list, the
 * status moves, the completeness lists, the trend — that a later rollup never reads.
 */
export type PreviousSnapshot = Pick<
  RollupSnapshot,
  'period' | 'rows' | 'agency' | 'goals' | 'missionAreas' | 'objectives' | 'keyActivities' | 'offices'
>;

/**
 * The parts of a snapshot the next period's rollup reads, without the rest: hold this, not the
 * loaded snapshot, while the rollup runs. For a plan of a million entries the parts left out
 * (the at-risk list above all, as the schema parses it) take about 100 MB.
 */
export function previousSnapshotOf(snapshot: RollupSnapshot): PreviousSnapshot {
  return {
    period: snapshot.period,
    rows: snapshot.rows,
    agency: snapshot.agency,
    goals: snapshot.goals,
    missionAreas: snapshot.missionAreas,
    objectives: snapshot.objectives,
    keyActivities: snapshot.keyActivities,
    offices: snapshot.offices,
  };
}

export interface RollupInputs {
  readonly catalog: Catalog;
  readonly period: Period;
  /** The current revision of each office that has one, in any order. */
  readonly submissions: readonly SubmissionInput[];
  /** The previous period's snapshot (changes and carry-forward), or null when there is none. */
  readonly previous: { readonly snapshot: PreviousSnapshot; readonly ref: SnapshotRef } | null;
  /** Headline numbers of up to 11 earlier periods, in any order (the trend). */
  readonly history: readonly TrendSource[];
  readonly options?: RollupOptions;
}
