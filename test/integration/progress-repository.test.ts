import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProgressRepository } from '../../shared/adapters/dynamodb/dynamodb-progress-repository';
import { DynamoDbSubmissionHistory } from '../../shared/adapters/dynamodb/dynamodb-submission-history';
import { parsePeriod } from '../../shared/domain/period';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { CommitInProgressError } from '../../shared/ports/progress-repository';
import { newRevision, progressRows } from '../support/fixtures';

const period = parsePeriod('2026-10');
const now = new Date('2026-11-02T15:00:00Z');
const sha = (n: number) => n.toString(16).padStart(64, '0');

describe('progress data on the embedded DynamoDB server', () => {
  let runtime: LocalRuntime;
  let repository: DynamoDbProgressRepository;

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    repository = new DynamoDbProgressRepository(runtime.clients.documents, {
      tableName: runtime.names.tableName,
    });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('makes the first file revision 1, ignores the same bytes again, and keeps revision 1 when 2 arrives', async () => {
    const first = await repository.commitRevision(
      newRevision({ sha256: sha(1) }),
      progressRows(['2.7.1', '2.7.2']),
      now,
    );
    expect(first).toMatchObject({ kind: 'committed', revision: { revision: 1, rowCount: 2 } });

    const again = await repository.commitRevision(
      newRevision({ sha256: sha(1) }),
      progressRows(['2.7.1', '2.7.2']),
      now,
    );
    expect(again).toMatchObject({ kind: 'duplicate', revision: { revision: 1 } });

    const second = await repository.commitRevision(
      // The same file uploaded again with new contents: a later event, a greater sequencer.
      newRevision({
        sha256: sha(2),
        uploaded: { eventTime: '2026-11-02T14:59:59.000Z', sequencer: '0062E99A88DC407461' },
      }),
      progressRows(['2.7.1', '2.7.2'], { status: 'At Risk', risksAndIssues: 'late' }),
      now,
    );
    expect(second.revision.revision).toBe(2);

    expect((await repository.currentRevision('OFO', period))?.revision).toBe(2);
    expect((await repository.revisions('OFO', period)).map((record) => record.revision)).toEqual([1, 2]);
    expect((await repository.rows('OFO', period, 1)).map((row) => row.status)).toEqual([
      'On Track',
      'On Track',
    ]);
    expect((await repository.rows('OFO', period, 2)).map((row) => row.status)).toEqual([
      'At Risk',
      'At Risk',
    ]);
    expect((await repository.findRevisionBySha('OFO', period, sha(1)))?.revision).toBe(1);
  });

  it('ends concurrent uploads with exactly one current revision, the latest upload, and all in history', async () => {
    // Five uploads a second apart, committed concurrently (in whatever order the writes land).
    const uploadedAt = (n: number) => new Date(Date.parse('2026-11-02T14:00:00Z') + n * 1000).toISOString();
    const outcomes = await Promise.all(
      [13, 10, 14, 12, 11].map((n) =>
        repository.commitRevision(
          newRevision({
            office: 'USBP',
            sha256: sha(n),
            source: { bucket: 'uploads', key: `uploads/USBP/2026-10/usbp-${n}.xlsx`, size: 1 },
            uploaded: { eventTime: uploadedAt(n), sequencer: '01' },
          }),
          progressRows(['2.1.1']),
          now,
        ),
      ),
    );
    const numbers = outcomes.map((outcome) => outcome.revision.revision).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect((await repository.currentRevision('USBP', period))?.sha256).toBe(sha(14));
    expect(await repository.revisions('USBP', period)).toHaveLength(5);
    expect((await repository.currentRevisions(period)).map((record) => record.office).sort()).toEqual([
      'OFO',
      'USBP',
    ]);
  });

  it('commits the same bytes delivered concurrently once', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        repository.commitRevision(
          newRevision({ office: 'AMO', sha256: sha(99) }),
          progressRows(['2.1.2']),
          now,
        ),
      ),
    );
    const committed = results.filter(
      (result) => result.status === 'fulfilled' && result.value.kind === 'committed',
    );
    expect(committed).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(CommitInProgressError);
    }
    expect(await repository.revisions('AMO', period)).toHaveLength(1);
  });

  it('lets a later delivery finish a commit whose lease expired, under the same revision number', async () => {
    const stuck = new DynamoDbProgressRepository(runtime.clients.documents, {
      tableName: runtime.names.tableName,
      claimLeaseMs: 1,
    });
    // Simulate a crash after the claim and the revision number: rows never written, no pointer.
    const failing = new DynamoDbProgressRepository(
      {
        send: (command: unknown) => {
          const name = (command as object).constructor.name;
          if (name === 'BatchWriteCommand') return Promise.reject(new Error('crashed'));
          return runtime.clients.documents.send(command as never);
        },
      } as never,
      { tableName: runtime.names.tableName, claimLeaseMs: 1 },
    );
    await expect(
      failing.commitRevision(newRevision({ office: 'OT', sha256: sha(7) }), progressRows(['2.6.1']), now),
    ).rejects.toThrow('crashed');
    expect(await repository.currentRevision('OT', period)).toBeUndefined();

    const later = new Date(now.getTime() + 1000);
    const finished = await stuck.commitRevision(
      newRevision({ office: 'OT', sha256: sha(7) }),
      progressRows(['2.6.1']),
      later,
    );
    expect(finished).toMatchObject({ kind: 'committed', revision: { revision: 1 } });
    expect((await repository.currentRevision('OT', period))?.revision).toBe(1);
    expect(await repository.rows('OT', period, 1)).toHaveLength(1);
  });

  it('keeps every attempt, by office and by period', async () => {
    const history = new DynamoDbSubmissionHistory(runtime.clients.documents, runtime.names.tableName);
    const base = {
      period,
      uploader: 'x@example.gov',
      sha256: sha(1),
      size: 10,
      source: { bucket: 'b', key: 'uploads/OS/2026-10/os.xlsx' },
    };
    await history.record({
      ...base,
      submissionId: 's1',
      office: 'OS',
      receivedAt: '2026-11-01T10:00:00.000Z',
      outcome: 'rejected',
      problems: [{ rule: 'status.allowed-values', message: 'bad', row: 3, column: 'Status' }],
    });
    await history.record({
      ...base,
      submissionId: 's2',
      office: 'OS',
      receivedAt: '2026-11-01T11:00:00.000Z',
      outcome: 'accepted',
      revision: 1,
    });
    await history.record({
      ...base,
      submissionId: 's3',
      office: 'ES',
      receivedAt: '2026-11-01T10:30:00.000Z',
      outcome: 'accepted',
      revision: 1,
    });
    // Recording the same attempt twice (a redelivered event) does not duplicate it.
    await history.record({
      ...base,
      submissionId: 's3',
      office: 'ES',
      receivedAt: '2026-11-01T10:30:00.000Z',
      outcome: 'accepted',
      revision: 1,
    });

    expect((await history.attempts('OS', period)).map((attempt) => attempt.outcome)).toEqual([
      'rejected',
      'accepted',
    ]);
    expect((await history.attemptsInPeriod(period)).map((attempt) => attempt.submissionId)).toEqual([
      's1',
      's3',
      's2',
    ]);
  });
});
