import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { sha256Hex } from '../../../shared/domain/sha256';
import { NO_COPY_REASONS } from '../../../shared/domain/submission/workbook-limits';
import { CommitInProgressError } from '../../../shared/ports/progress-repository';
import {
  ingestSubmission,
  STORED_PROBLEM_LIMIT,
  type UploadNotification,
} from '../../../shared/use-cases/ingest-submission';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { RecordingLog } from '../../support/fakes/recording-log';
import { num, submittedWorkbook, text } from '../../support/submitted-workbooks';

const P = parsePeriod;

function setup() {
  const deps = inMemoryDependencies({ now: '2026-11-02T15:00:00Z' });
  const log = new RecordingLog();
  return { deps, log, ports: { ...deps, log } };
}

let sequence = 0;
/** Puts the bytes in the uploads bucket and returns the notification S3 would send for them. */
async function upload(
  deps: InMemoryDependencies,
  key: string,
  bytes: Buffer,
  uploader = 'ofo.submitter@example.gov',
): Promise<UploadNotification> {
  await deps.uploads.put(key, bytes, uploader ? { metadata: { uploader } } : {});
  sequence += 1;
  return {
    bucket: deps.uploads.bucket,
    encodedKey: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
    size: bytes.length,
    sequencer: `00${sequence}`,
    // A second apart, so attempts sort in the order of the test.
    eventTime: new Date(Date.parse('2026-11-02T14:00:00Z') + sequence * 1000).toISOString(),
  };
}

describe('ingestSubmission', () => {
  it('accepts a valid workbook as the next revision, records the attempt and sends a receipt', async () => {
    const { deps, log, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    const notification = await upload(deps, 'uploads/OFO/2026-10/OFO October.xlsx', bytes);

    const outcome = await ingestSubmission(notification, ports);

    const rows = deps.catalog.activitiesOf('OFO').length;
    expect(outcome).toMatchObject({
      kind: 'accepted',
      key: 'uploads/OFO/2026-10/OFO October.xlsx',
      office: 'OFO',
      period: '2026-10',
      revision: 1,
      rows,
      sha256: sha256Hex(bytes),
    });
    expect(await deps.progress.currentRevision('OFO', P('2026-10'))).toMatchObject({
      revision: 1,
      uploader: 'ofo.submitter@example.gov',
      acceptedAt: '2026-11-02T15:00:00.000Z',
      source: {
        bucket: deps.uploads.bucket,
        key: 'uploads/OFO/2026-10/OFO October.xlsx',
        size: bytes.length,
      },
    });
    expect(await deps.history.attempts('OFO', P('2026-10'))).toMatchObject([
      { outcome: 'accepted', revision: 1, rowCount: rows, receivedAt: notification.eventTime },
    ]);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual([['ofo.submitter@example.gov']]);
    expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: 'submission accepted' });
  });

  it('answers a redelivered notification as accepted again, writing no second revision or attempt', async () => {
    const { deps, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    const notification = await upload(deps, 'uploads/OFO/2026-10/a.xlsx', bytes);
    const first = await ingestSubmission(notification, ports);
    const again = await ingestSubmission(notification, ports);
    expect(again).toEqual(first);
    expect(await deps.progress.revisions('OFO', P('2026-10'))).toHaveLength(1);
    expect(await deps.history.attempts('OFO', P('2026-10'))).toHaveLength(1);
  });

  it('keeps the later upload current when an earlier upload is committed last (a retried delivery)', async () => {
    const { deps, ports } = setup();
    const earlierBytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'first draft');
    const laterBytes = deps.workbooks.workbookFile(
      submittedWorkbook('OFO', '2026-10', { edit: (_id, cells) => ({ ...cells, percentComplete: num(77) }) }),
      'correction',
    );
    // Uploaded in this order (a second apart) ...
    const earlier = await upload(deps, 'uploads/OFO/2026-10/draft.xlsx', earlierBytes);
    const later = await upload(deps, 'uploads/OFO/2026-10/correction.xlsx', laterBytes);

    // ... but the earlier upload's first delivery failed, and its retry commits after the later one.
    const laterOutcome = await ingestSubmission(later, ports);
    const earlierOutcome = await ingestSubmission(earlier, ports);

    // Both are accepted and kept: revision numbers count commits ...
    expect(laterOutcome).toMatchObject({ kind: 'accepted', revision: 1 });
    expect(earlierOutcome).toMatchObject({ kind: 'accepted', revision: 2 });
    expect((await deps.progress.revisions('OFO', P('2026-10'))).map((each) => each.source.key)).toEqual([
      'uploads/OFO/2026-10/correction.xlsx',
      'uploads/OFO/2026-10/draft.xlsx',
    ]);
    // ... and the latest upload is current, with its rows.
    const current = await deps.progress.currentRevision('OFO', P('2026-10'));
    expect(current).toMatchObject({
      revision: 1,
      sha256: sha256Hex(laterBytes),
      uploaded: { eventTime: later.eventTime, sequencer: later.sequencer },
    });
    expect((await deps.progress.currentRevisions(P('2026-10'))).map((each) => each.revision)).toEqual([1]);
    expect(
      new Set((await deps.progress.rows('OFO', P('2026-10'), 1)).map((row) => row.percentComplete)),
    ).toEqual(new Set([77]));
  });

  it('answers another upload of the same bytes as a duplicate of the revision it repeats', async () => {
    const { deps, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/a.xlsx', bytes), ports);
    const duplicate = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/b.xlsx', bytes), ports);
    expect(duplicate).toMatchObject({ kind: 'duplicate', revision: 1 });
    expect((await deps.history.attempts('OFO', P('2026-10'))).map((attempt) => attempt.outcome)).toEqual([
      'accepted',
      'duplicate',
    ]);
    expect(deps.mail.sent[1]?.text).toMatch(/already/i);
  });

  it('rejects a workbook that breaks rules: every problem recorded, an annotated copy stored and attached', async () => {
    const { deps, ports } = setup();
    const workbook = submittedWorkbook('OFO', '2026-10', {
      edit: (_id, cells) => ({ ...cells, status: text('Nearly there') }),
    });
    const bytes = deps.workbooks.workbookFile(workbook, 'bad-status');
    const outcome = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/bad.xlsx', bytes), ports);

    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.problems.length).toBe(deps.catalog.activitiesOf('OFO').length);
    expect(outcome.annotatedKey).toMatch(/^annotated\/OFO\/2026-10\/bad\.[0-9a-f]{24}\.errors\.xlsx$/);
    expect(deps.uploads.keys('annotated/')).toEqual([outcome.annotatedKey]);
    expect(await deps.progress.currentRevision('OFO', P('2026-10'))).toBeUndefined();
    expect(await deps.history.attempts('OFO', P('2026-10'))).toMatchObject([
      { outcome: 'rejected', problemCount: outcome.problems.length, annotatedKey: outcome.annotatedKey },
    ]);
    expect(deps.mail.sent[0]?.attachments?.map((attachment) => attachment.filename)).toEqual([
      'bad.errors.xlsx',
    ]);
  });

  it('still answers a rejection when the workbook cannot be annotated', async () => {
    const { deps, log, ports } = setup();
    deps.workbooks.annotateFails = true;
    const workbook = submittedWorkbook('OFO', '2026-10', {
      edit: (_id, cells) => ({ ...cells, status: text('?') }),
    });
    const bytes = deps.workbooks.workbookFile(workbook, 'bad');
    const outcome = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/bad.xlsx', bytes), ports);
    expect(outcome).toMatchObject({ kind: 'rejected' });
    expect(outcome).not.toHaveProperty('annotatedKey');
    expect(deps.mail.sent[0]?.attachments).toBeUndefined();
    expect(log.lines.some((line) => line.message === 'could not annotate the rejected workbook')).toBe(true);
  });

  it('says why there is no marked-up copy, and adds the problem of a time budget spent while marking', async () => {
    const { deps, ports } = setup();
    const tooComplex = { rule: 'file.too-complex', file: 'bad.xlsx', message: 'the work took too long' };
    deps.workbooks.noCopy = { reason: NO_COPY_REASONS.tooComplex, problem: tooComplex };
    const workbook = submittedWorkbook('OFO', '2026-10', {
      edit: (_id, cells) => ({ ...cells, status: text('?') }),
    });
    const bytes = deps.workbooks.workbookFile(workbook, 'bad');
    const outcome = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/bad.xlsx', bytes), ports);
    expect(outcome.kind === 'rejected' && outcome.problems.at(-1)).toEqual(tooComplex);
    expect(outcome).not.toHaveProperty('annotatedKey');
    const [attempt] = await deps.history.attempts('OFO', P('2026-10'));
    expect(attempt?.problemCount).toBe(deps.catalog.activitiesOf('OFO').length + 1);
    expect(deps.mail.sent[0]?.text).toContain(NO_COPY_REASONS.tooComplex);
    expect(deps.uploads.keys('annotated/')).toEqual([]);
  });

  it('rejects a file that is not a workbook, or too large, without parsing or annotating it', async () => {
    const { deps, ports } = setup();
    const notWorkbook = await ingestSubmission(
      await upload(deps, 'uploads/OFO/2026-10/notes.xlsx', Buffer.from('plain text')),
      ports,
    );
    expect(notWorkbook).toMatchObject({ kind: 'rejected', problems: [{ rule: 'file.not-xlsx' }] });
    expect(deps.mail.sent[0]?.text).toContain(NO_COPY_REASONS.notAWorkbook);

    const big = Buffer.alloc(deps.config.limits.maxUploadBytes + 1);
    const tooLarge = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/big.xlsx', big), ports);
    expect(tooLarge).toMatchObject({ kind: 'rejected', problems: [{ rule: 'file.too-large' }] });
    expect(deps.workbooks.annotated).toEqual([]);
    expect(deps.uploads.keys('annotated/')).toEqual([]);
    expect((await deps.history.attempts('OFO', P('2026-10'))).map((attempt) => attempt.outcome)).toEqual([
      'rejected',
      'rejected',
    ]);
  });

  it('counts each upload once its answer is final: accepted with its rows, duplicate, rejected', async () => {
    const { deps, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    const accepted = await upload(deps, 'uploads/OFO/2026-10/a.xlsx', bytes);
    await ingestSubmission(accepted, ports);
    // A redelivered notification finds its own commit: nothing new happened, nothing is counted.
    await ingestSubmission(accepted, ports);
    await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/b.xlsx', bytes), ports);
    await ingestSubmission(
      await upload(deps, 'uploads/OFO/2026-10/c.xlsx', Buffer.from('not a workbook')),
      ports,
    );
    await ingestSubmission(await upload(deps, 'uploads/OFO/../x.xlsx', Buffer.from('x')), ports);
    expect(deps.metrics.all()).toEqual({
      RowsIngested: deps.catalog.activitiesOf('OFO').length,
      SubmissionsAccepted: 1,
      SubmissionsDuplicate: 1,
      SubmissionsRejected: 2,
    });
  });

  it('refuses a key that names no office and period, recording nothing and mailing no one', async () => {
    const { deps, log, ports } = setup();
    const outcome = await ingestSubmission(
      await upload(deps, 'uploads/OFO/../USBP/2026-10/x.xlsx', Buffer.from('x')),
      ports,
    );
    expect(outcome).toMatchObject({ kind: 'rejected', problems: [{ rule: 'upload.key' }] });
    expect(await deps.history.attemptsInPeriod(P('2026-10'))).toEqual([]);
    expect(deps.mail.sent).toEqual([]);
    expect(log.lines[0]).toMatchObject({ level: 'warn', message: 'upload key refused' });
  });

  it('says an object deleted before it was processed is gone', async () => {
    const { deps, ports } = setup();
    const notification = await upload(deps, 'uploads/OFO/2026-10/a.xlsx', Buffer.from('x'));
    await deps.uploads.delete('uploads/OFO/2026-10/a.xlsx');
    expect(await ingestSubmission(notification, ports)).toMatchObject({ kind: 'gone' });
    expect(deps.mail.sent).toEqual([]);
  });

  it('lets failures worth retrying escape: another bucket, a commit of the same bytes in progress', async () => {
    const { deps, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    const notification = await upload(deps, 'uploads/OFO/2026-10/a.xlsx', bytes);
    await expect(ingestSubmission({ ...notification, bucket: 'elsewhere' }, ports)).rejects.toThrow(
      'notification for bucket elsewhere, but the uploads bucket is strategy-report-uploads',
    );
    deps.progress.pendingClaim('OFO', P('2026-10'), sha256Hex(bytes), new Date('2026-11-02T15:10:00Z'));
    await expect(ingestSubmission(notification, ports)).rejects.toBeInstanceOf(CommitInProgressError);
    expect(await deps.history.attempts('OFO', P('2026-10'))).toEqual([]);
  });

  it('keeps at most the first few hundred problems on the attempt record, with their count', async () => {
    const { deps, ports } = setup();
    const extraRows = Array.from({ length: STORED_PROBLEM_LIMIT + 20 }, () => ({
      activityId: text('9.9.9'),
    }));
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10', { extraRows }), 'many');
    const outcome = await ingestSubmission(await upload(deps, 'uploads/OFO/2026-10/m.xlsx', bytes), ports);
    const [attempt] = await deps.history.attempts('OFO', P('2026-10'));
    expect(outcome.kind === 'rejected' && outcome.problems.length).toBeGreaterThan(STORED_PROBLEM_LIMIT);
    expect(attempt?.problems).toHaveLength(STORED_PROBLEM_LIMIT);
    expect(attempt?.problemCount).toBe(outcome.kind === 'rejected' ? outcome.problems.length : -1);
  });

  it('answers the office contact when the uploader is not an address, and warns when there is no one', async () => {
    const { deps, log, ports } = setup();
    const bytes = deps.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    await ingestSubmission(
      await upload(deps, 'uploads/OFO/2026-10/a.xlsx', bytes, 'AROAEXAMPLE:session'),
      ports,
    );
    expect(deps.mail.sent).toEqual([]);
    expect(log.lines.some((line) => line.message === 'no address to answer the submitter at')).toBe(true);

    const configured = inMemoryDependencies({
      config: { mail: { officeContacts: { OFO: 'ofo.desk@example.gov' } } },
    });
    const again = configured.workbooks.workbookFile(submittedWorkbook('OFO', '2026-10'), 'ofo-1');
    await ingestSubmission(await upload(configured, 'uploads/OFO/2026-10/a.xlsx', again, ''), configured);
    expect(configured.mail.sent.map((mail) => mail.to)).toEqual([['ofo.desk@example.gov']]);
  });
});
