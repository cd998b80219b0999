import type { Period } from '../domain/period';
import type { ProgressRepository, RevisionRecord } from '../ports/progress-repository';
import type { SubmissionAttempt, SubmissionHistory } from '../ports/submission-history';

export interface SubmissionAttempts {
  readonly office: string;
  readonly period: Period;
  /** The office's current revision for the period: what a rollup uses. */
  readonly current: RevisionRecord | null;
  readonly counts: { readonly accepted: number; readonly duplicate: number; readonly rejected: number };
  /** Every upload, oldest first, whatever the answer. */
  readonly attempts: readonly SubmissionAttempt[];
}

/** Every submission attempt of an office for a period (one Query) and its current revision (one Get). */
export async function listSubmissionAttempts(
  ports: { readonly history: SubmissionHistory; readonly progress: ProgressRepository },
  request: { readonly office: string; readonly period: Period },
): Promise<SubmissionAttempts> {
  const [attempts, current] = await Promise.all([
    ports.history.attempts(request.office, request.period),
    ports.progress.currentRevision(request.office, request.period),
  ]);
  const count = (outcome: SubmissionAttempt['outcome']) =>
    attempts.filter((attempt) => attempt.outcome === outcome).length;
  return {
    office: request.office,
    period: request.period,
    current: current ?? null,
    counts: { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') },
    attempts,
  };
}
