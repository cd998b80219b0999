import { describe, expect, it } from 'vitest';
import { type Period, parsePeriod } from '../../../shared/domain/period';
import type { SubmissionAttempt } from '../../../shared/ports/submission-history';
import { findUnansweredUploads, replayUploads } from '../../../shared/use-cases/reconcile-uploads';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { RecordingIngestQueue } from '../../support/fakes/recording-ingest-queue';

const P = parsePeriod;

/** The record the ingest keeps of an answered upload, as it is stored now: with the object's ETag. */
async function answered(
  deps: ReturnType<typeof inMemoryDependencies>,
  key: string,
  outcome: SubmissionAttempt['outcome'],
  options: { etag?: boolean } = {},
) {
  const head = await deps.uploads.head(key);
  if (!head) throw new Error(`no ${key}`);
  const [, office, period] = key.split('/') as [string, string, Period];
  await deps.history.record({
    submissionId: `${office}-${outcome}-${key.length}`,
    office,
    period,
    receivedAt: '2026-11-02T10:00:00.000Z',
    uploader: 'clerk@example.gov',
    sha256: 'a'.repeat(64),
    size: head.size,
    source: { bucket: deps.uploads.bucket, key },
    ...(options.etag === false ? {} : { etag: head.etag }),
    outcome,
  });
}

async function store(deps: ReturnType<typeof inMemoryDependencies>, key: string, text = key) {
  await deps.uploads.put(key, Buffer.from(text));
}

describe('findUnansweredUploads', () => {
  it('lists the uploads no attempt (accepted, duplicate or rejected) is of, in key order', async () => {
    const deps = inMemoryDependencies();
    for (const office of ['AMO', 'OFO', 'OT', 'USBP'])
      await store(deps, `uploads/${office}/2026-10/${office}.xlsx`);
    await answered(deps, 'uploads/OFO/2026-10/OFO.xlsx', 'accepted');
    await answered(deps, 'uploads/OT/2026-10/OT.xlsx', 'rejected');
    await answered(deps, 'uploads/USBP/2026-10/USBP.xlsx', 'duplicate');

    const found = await findUnansweredUploads(deps);
    expect(found.checked).toBe(4);
    expect(found.unanswered).toEqual([
      {
        key: 'uploads/AMO/2026-10/AMO.xlsx',
        office: 'AMO',
        period: '2026-10',
        size: 'uploads/AMO/2026-10/AMO.xlsx'.length,
        etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(found.unaddressable).toEqual([]);
  });

  it('lists a later upload to a key that was answered before: the record is of the earlier object (its ETag)', async () => {
    const deps = inMemoryDependencies();
    const key = 'uploads/OFO/2026-10/OFO.xlsx';
    await store(deps, key, 'first version');
    await answered(deps, key, 'accepted');
    expect((await findUnansweredUploads(deps)).unanswered).toEqual([]);
    await store(deps, key, 'second, corrected version');
    expect((await findUnansweredUploads(deps)).unanswered.map((upload) => upload.key)).toEqual([key]);
  });

  it('takes a record kept before ETags were as of the object when its size matches', async () => {
    const deps = inMemoryDependencies();
    const key = 'uploads/OFO/2026-10/OFO.xlsx';
    await store(deps, key, 'twelve bytes');
    await answered(deps, key, 'accepted', { etag: false });
    expect((await findUnansweredUploads(deps)).unanswered).toEqual([]);
    await store(deps, key, 'a longer second upload');
    expect((await findUnansweredUploads(deps)).unanswered.map((upload) => upload.key)).toEqual([key]);
  });

  it('looks at one period when asked, with one read of its attempts', async () => {
    const deps = inMemoryDependencies();
    await store(deps, 'uploads/OFO/2026-09/OFO.xlsx');
    await store(deps, 'uploads/OFO/2026-10/OFO.xlsx');
    await store(deps, 'uploads/notes.txt');
    const reads: string[] = [];
    const history = {
      attemptsInPeriod: (period: Period) => {
        reads.push(period);
        return deps.history.attemptsInPeriod(period);
      },
    };
    const found = await findUnansweredUploads({ uploads: deps.uploads, history }, { period: P('2026-10') });
    expect(found).toMatchObject({ period: '2026-10', checked: 1, unaddressable: [] });
    expect(found.unanswered.map((upload) => upload.key)).toEqual(['uploads/OFO/2026-10/OFO.xlsx']);
    expect(reads).toEqual(['2026-10']);
  });

  it('sets aside objects whose key names no office and period: the ingest can answer no one for them', async () => {
    const deps = inMemoryDependencies();
    await store(deps, 'uploads/notes.txt');
    await store(deps, 'uploads/OFO/october/OFO.xlsx');
    await store(deps, 'uploads/OFO/2026-10/OFO.xlsx');
    const found = await findUnansweredUploads(deps);
    expect(found.checked).toBe(1);
    expect(found.unaddressable).toEqual([
      expect.objectContaining({
        key: 'uploads/OFO/october/OFO.xlsx',
        problem: '"october" is not a reporting period (YYYY-MM)',
      }),
      expect.objectContaining({
        key: 'uploads/notes.txt',
        problem: 'an upload key must be uploads/<OFFICE>/<YYYY-MM>/<file>.xlsx',
      }),
    ]);
  });
});

describe('replayUploads', () => {
  it('announces each unanswered upload to the ingest, one after another, as it was stored', async () => {
    const deps = inMemoryDependencies();
    await store(deps, 'uploads/AMO/2026-10/AMO.xlsx');
    await store(deps, 'uploads/OT/2026-10/OT.xlsx');
    const { unanswered } = await findUnansweredUploads(deps);
    const queue = new RecordingIngestQueue();
    const announcements = await replayUploads({ ingestQueue: queue }, unanswered);
    expect(queue.announced).toEqual(
      unanswered.map((upload) => ({
        key: upload.key,
        size: upload.size,
        etag: upload.etag,
        lastModified: new Date(upload.lastModified as string),
      })),
    );
    expect(announcements).toEqual([
      { key: 'uploads/AMO/2026-10/AMO.xlsx', messageId: 'message-1' },
      { key: 'uploads/OT/2026-10/OT.xlsx', messageId: 'message-2' },
    ]);
  });
});
