import { parsePeriod } from '../../shared/domain/period';
import type { ProgressRow } from '../../shared/domain/progress';
import type { NewRevision } from '../../shared/ports/progress-repository';

/** A revision as the ingest commits it: by default uploaded two seconds before it was accepted. */
export function newRevision(overrides: Partial<NewRevision> = {}): NewRevision {
  const acceptedAt = overrides.acceptedAt ?? '2026-11-02T15:00:00.000Z';
  return {
    office: 'OFO',
    period: parsePeriod('2026-10'),
    submissionId: 'sub-1',
    sha256: 'a'.repeat(64),
    acceptedAt,
    uploader: 'ofo.submitter@example.gov',
    source: { bucket: 'uploads', key: 'uploads/OFO/2026-10/ofo.xlsx', size: 1234 },
    catalogId: 'cbp-strategy-2024-2028',
    catalogVersion: '1.0.0',
    templateVersion: '1',
    rowCount: 2,
    uploaded: {
      eventTime: new Date(Date.parse(acceptedAt) - 2000).toISOString(),
      sequencer: '0062E99A88DC407460',
    },
    ...overrides,
  };
}

export function progressRows(
  activityIds: readonly string[],
  overrides: Partial<ProgressRow> = {},
): ProgressRow[] {
  return activityIds.map((activityId, index) => ({
    activityId,
    status: 'On Track',
    percentComplete: 10 + index,
    ...overrides,
  }));
}
