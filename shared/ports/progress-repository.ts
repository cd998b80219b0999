import type { Period } from '../domain/period';
import type { ProgressRow } from '../domain/progress';
import type { Attestation } from '../domain/submission/attestation';
import type { ComparedRevision } from '../domain/submission/unchanged-answers';
import type { UploadMoment } from '../domain/submission/upload-order';

/** An accepted submission: one office's complete set of rows for one period. */
export interface RevisionRecord {
  readonly office: string;
  readonly period: Period;
  /**
   * 1, 2, 3, ... per office and period, in the order the revisions were committed. Which one is
   * current is decided by `uploaded`, not by this number.
   */
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
  /**
   * When the upload was made (S3 event time and sequencer): the latest upload is current. Absent on
   * revisions committed before uploads were ordered this way; any revision with it replaces them.
   */
  readonly uploaded?: UploadMoment;
}

export type NewRevision = Omit<RevisionRecord, 'revision' | 'uploaded'> & { readonly uploaded: UploadMoment };

export type CommitOutcome =
  /** The rows are stored as a revision: the current one, or history if a later upload is current. */
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
 * written first, and only then does the office's current-revision pointer move to them — if their
 * upload was made after the current revision's (`uploadOrderKey`), so the latest upload is current
 * whatever order the uploads were committed in.
 */
export interface ProgressRepository {
  /**
   * Stores the rows as the next revision (every accepted upload is kept in history), unless the
   * same bytes were committed before; it becomes current only if no later upload is.
   */
  commitRevision(revision: NewRevision, rows: readonly ProgressRow[], now: Date): Promise<CommitOutcome>;
  /** The committed revision with these bytes, if any. */
  findRevisionBySha(office: string, period: Period, sha256: string): Promise<RevisionRecord | undefined>;
  /** The current revision of every office that has one for the period. */
  currentRevisions(period: Period): Promise<RevisionRecord[]>;
  currentRevision(office: string, period: Period): Promise<RevisionRecord | undefined>;
  /** Every committed revision of an office for the period, in commit (revision number) order. */
  revisions(office: string, period: Period): Promise<RevisionRecord[]>;
  /** The rows of one revision, in activity id order. */
  rows(office: string, period: Period, revision: number): Promise<ProgressRow[]>;
}
