import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import type { SubmissionAttempt } from '../../../shared/ports/submission-history';
import { listSubmissionAttempts } from '../../../shared/use-cases/list-submission-attempts';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision, progressRows } from '../../support/fixtures';

const P = parsePeriod;
const attempt = (
  id: string,
  receivedAt: string,
  outcome: SubmissionAttempt['outcome'],
): SubmissionAttempt => ({
  submissionId: id,
  office: 'OFO',
  period: P('2026-10'),
  receivedAt,
  uploader: 'ofo@example.gov',
  sha256: 'a'.repeat(64),
  size: 10,
  source: { bucket: 'uploads', key: `uploads/OFO/2026-10/${id}.xlsx` },
  outcome,
});

describe('listSubmissionAttempts', () => {
  it('lists every attempt oldest first, counts each answer, and names the current revision', async () => {
    const deps = inMemoryDependencies();
    const empty = await listSubmissionAttempts(deps, { office: 'OFO', period: P('2026-10') });
    expect(empty).toEqual({
      office: 'OFO',
      period: '2026-10',
      current: null,
      counts: { accepted: 0, duplicate: 0, rejected: 0 },
      attempts: [],
    });

    await deps.history.record(attempt('c', '2026-11-03T10:00:00.000Z', 'duplicate'));
    await deps.history.record(attempt('a', '2026-11-01T10:00:00.000Z', 'rejected'));
    await deps.history.record(attempt('b', '2026-11-02T10:00:00.000Z', 'accepted'));
    await deps.history.record({ ...attempt('d', '2026-11-02T11:00:00.000Z', 'accepted'), office: 'USBP' });
    await deps.progress.commitRevision(newRevision(), progressRows(['1.1.1']), new Date());

    const listed = await listSubmissionAttempts(deps, { office: 'OFO', period: P('2026-10') });
    expect(listed.attempts.map((each) => each.submissionId)).toEqual(['a', 'b', 'c']);
    expect(listed.counts).toEqual({ accepted: 1, duplicate: 1, rejected: 1 });
    expect(listed.current).toMatchObject({ office: 'OFO', revision: 1 });
  });
});
