import type { Period } from '../domain/period';
import type { ProgressRow } from '../domain/progress';
import type { Attestation } from '../domain/submission/attestation';
import type { ComparedRevision } from '../domain/submission/unchanged-answers';

/** An accepted submission: one office's complete set of rows for one period. */
export interface RevisionRecord {
  readonly office: string;
  readonly period: Period;
  /** 1, 2, 3, ... per office and period; the highest committed one is current. */
  readonly revision: number;
  readonly submissionId: string;
  readonly sha256: string;
  readonly acceptedAt: string;
  readonly uploader: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId?: string;
    readonly size: number;
  };
  readonly catalogId: string;
  readonly catalogVersion: string;
  readonly templateVersion: string;
  readonly rowCount: number;
  /** The office's attestation (template version 2); absent for earlier template versions. */
  readonly attestation?: Attestation;
  /**
   * The revision the rows were compared with to mark them unchanged (the office's current
   * revision of the previous period when this one was accepted); null when there was none.
   * Absent on revisions accepted before rows were compared.
   */
  readonly comparedWith?: ComparedRevision | null;
  /** How many of the rows are unchanged since `comparedWith`. */
  readonly unchangedRows?: number;
}

export type NewRevision = Omit<RevisionRecord, 'revision'>;

export type CommitOutcome =
  /** The rows are now the office's current revision (or history, if a newer one won a race). */
  | { readonly kind: 'committed'; readonly revision: RevisionRecord }
  /** The same bytes were accepted before; nothing changed. */
  | { readonly kind: 'duplicate'; readonly revision: RevisionRecord };

/**
 * Another delivery of the same bytes is committing right now. Retry later: by then it has
 * finished (and this one is a duplicate) or its lease has expired (and this one takes over).
 */
export class CommitInProgressError extends Error {
  override readonly name = 'CommitInProgressError';
}

/**
 * Where accepted progress data lives. A revision's rows become visible all at once: they are
 * written first, and only then does the office's current-revision pointer move to them.
 */
export interface ProgressRepository {
  /** Stores the rows as the next revision, unless the same bytes were committed before. */
  commitRevision(revision: NewRevision, rows: readonly ProgressRow[], now: Date): Promise<CommitOutcome>;
  /** The committed revision with these bytes, if any. */
  findRevisionBySha(office: string, period: Period, sha256: string): Promise<RevisionRecord | undefined>;
  /** The current revision of every office that has one for the period. */
  currentRevisions(period: Period): Promise<RevisionRecord[]>;
  currentRevision(office: string, period: Period): Promise<RevisionRecord | undefined>;
  /** Every committed revision of an office for the period, oldest first. */
  revisions(office: string, period: Period): Promise<RevisionRecord[]>;
  /** The rows of one revision, in activity id order. */
  rows(office: string, period: Period, revision: number): Promise<ProgressRow[]>;
}
