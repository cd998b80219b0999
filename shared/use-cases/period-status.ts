import type { Catalog } from '../domain/catalog/catalog';
import type { Period } from '../domain/period';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SubmissionHistory } from '../ports/submission-history';

/** Where one office stands for a period: what `strategy-report status` prints. */
export interface OfficeSubmissionStatus {
  readonly office: string;
  readonly name: string;
  /** Key activities the office reports on. */
  readonly expectedRows: number;
  readonly submitted: boolean;
  readonly revision?: number;
  readonly submissionId?: string;
  readonly acceptedAt?: string;
  readonly uploader?: string;
  readonly rows?: number;
  /** Uploads for the period that were rejected, whenever they came. */
  readonly rejectedAttempts: number;
  /** Every upload for the period: accepted, rejected and duplicates. */
  readonly attempts: number;
}

export interface PeriodStatus {
  readonly period: Period;
  readonly submitted: number;
  readonly expected: number;
  readonly offices: readonly OfficeSubmissionStatus[];
}

/** Each catalog office's submission state for the period: two Queries, whatever the office count. */
export async function periodStatus(
  ports: {
    readonly catalog: Catalog;
    readonly progress: Pick<ProgressRepository, 'currentRevisions'>;
    readonly history: Pick<SubmissionHistory, 'attemptsInPeriod'>;
  },
  period: Period,
): Promise<PeriodStatus> {
  const [revisions, attempts] = await Promise.all([
    ports.progress.currentRevisions(period),
    ports.history.attemptsInPeriod(period),
  ]);
  const current = new Map(revisions.map((revision) => [revision.office, revision]));
  const offices = ports.catalog.offices.map((office): OfficeSubmissionStatus => {
    const revision = current.get(office.code);
    const own = attempts.filter((attempt) => attempt.office === office.code);
    return {
      office: office.code,
      name: office.name,
      expectedRows: ports.catalog.activitiesOf(office.code).length,
      submitted: revision !== undefined,
      ...(revision !== undefined
        ? {
            revision: revision.revision,
            submissionId: revision.submissionId,
            acceptedAt: revision.acceptedAt,
            uploader: revision.uploader,
            rows: revision.rowCount,
          }
        : {}),
      rejectedAttempts: own.filter((attempt) => attempt.outcome === 'rejected').length,
      attempts: own.length,
    };
  });
  return {
    period,
    submitted: offices.filter((office) => office.submitted).length,
    expected: offices.filter((office) => office.expectedRows > 0).length,
    offices,
  };
}
