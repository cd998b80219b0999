import type { InputProblem } from '../domain/errors';
import type { Period } from '../domain/period';

/** One upload and how it was answered, kept whatever the outcome. */
export interface SubmissionAttempt {
  readonly submissionId: string;
  readonly office: string;
  readonly period: Period;
  readonly receivedAt: string;
  readonly uploader: string;
  readonly sha256: string;
  readonly size: number;
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId?: string };
  /**
   * The upload's ETag as S3 gave it: with the key, what tells this object from a later upload to
   * the same key (`strategy-report reconcile`). Absent on records written before it was kept.
   */
  readonly etag?: string;
  readonly outcome: 'accepted' | 'rejected' | 'duplicate';
  /** The revision it became (accepted) or repeated (duplicate). */
  readonly revision?: number;
  readonly rowCount?: number;
  readonly problems?: readonly InputProblem[];
  /** How many problems there were; `problems` keeps at most the first few hundred (item size). */
  readonly problemCount?: number;
  /** Key of the annotated copy of a rejected workbook, in the uploads bucket. */
  readonly annotatedKey?: string;
}

/** The log of every submission attempt, accepted or rejected. Append-only. */
export interface SubmissionHistory {
  record(attempt: SubmissionAttempt): Promise<void>;
  /** Every attempt for one office and period, oldest first. */
  attempts(office: string, period: Period): Promise<SubmissionAttempt[]>;
  /** Every attempt for the period across offices, oldest first. */
  attemptsInPeriod(period: Period): Promise<SubmissionAttempt[]>;
}
