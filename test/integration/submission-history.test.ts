import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAttempts } from '../../shared/cli/commands/history-action';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { listSubmissionAttempts } from '../../shared/use-cases/list-submission-attempts';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { filledTemplate } from '../support/templates';
import { editWorkbook, setProgressCell } from '../support/workbooks';

/** Attempts made through the real ingest (S3 event in an SQS record, the ingest handler) on the embedded servers. */
describe('history: every submission attempt of an office and period', () => {
  let harness: IngestHarness;
  let accepted: Buffer;
  let bad: Buffer;
  let edited: Buffer;

  beforeAll(async () => {
    harness = await openIngestHarness();
    accepted = await filledTemplate('OFO', '2026-10');
    bad = await editWorkbook(accepted, (workbook) => {
      setProgressCell(workbook, 3, 'status', 'Done');
      setProgressCell(workbook, 4, 'percentComplete', '150%');
    });
    edited = await editWorkbook(accepted, (workbook) => setProgressCell(workbook, 2, 'percentComplete', 99));
    const submit = async (office: string, file: string, bytes: Buffer, uploader: string) =>
      (await harness.submit(office, '2026-10', file, bytes, { uploader })).outcome.kind;
    expect(await submit('OFO', 'OFO-2026-10.xlsx', accepted, 'clerk@agency.example')).toBe('accepted');
    expect(await submit('OFO', 'again.xlsx', accepted, 'clerk@agency.example')).toBe('duplicate');
    expect(await submit('OFO', 'bad.xlsx', bad, 'intern@agency.example')).toBe('rejected');
    expect(await submit('OFO', 'OFO-2026-10-v2.xlsx', edited, 'lead@agency.example')).toBe('accepted');
    // Another office's upload is not OFO's history.
    expect(
      await submit('USBP', 'USBP.xlsx', await filledTemplate('USBP', '2026-10'), 'usbp@agency.example'),
    ).toBe('accepted');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('lists accepted, duplicate and rejected attempts in order with revision, time, uploader, hash, size and key', async () => {
    const history = await listSubmissionAttempts(harness.dependencies, {
      office: 'OFO',
      period: parsePeriod('2026-10'),
    });
    expect(history.counts).toEqual({ accepted: 2, duplicate: 1, rejected: 1 });
    expect(history.current).toMatchObject({ revision: 2, sha256: sha256Hex(edited) });
    expect(
      history.attempts.map((attempt) => [
        attempt.outcome,
        attempt.revision ?? null,
        attempt.uploader,
        attempt.sha256,
        attempt.size,
        attempt.source.key,
        attempt.problemCount ?? 0,
      ]),
    ).toEqual([
      [
        'accepted',
        1,
        'clerk@agency.example',
        sha256Hex(accepted),
        accepted.length,
        'uploads/OFO/2026-10/OFO-2026-10.xlsx',
        0,
      ],
      [
        'duplicate',
        1,
        'clerk@agency.example',
        sha256Hex(accepted),
        accepted.length,
        'uploads/OFO/2026-10/again.xlsx',
        0,
      ],
      [
        'rejected',
        null,
        'intern@agency.example',
        sha256Hex(bad),
        bad.length,
        'uploads/OFO/2026-10/bad.xlsx',
        2,
      ],
      [
        'accepted',
        2,
        'lead@agency.example',
        sha256Hex(edited),
        edited.length,
        'uploads/OFO/2026-10/OFO-2026-10-v2.xlsx',
        0,
      ],
    ]);
    const times = history.attempts.map((attempt) => attempt.receivedAt);
    expect([...times].sort()).toEqual(times);
    expect(history.attempts[2]?.problems?.map((problem) => [problem.rule, problem.row])).toEqual([
      ['status.allowed-values', 3],
      ['percent.range', 4],
    ]);

    const text = formatAttempts(history).split('\n');
    expect(text[0]).toBe(
      `OFO 2026-10: 4 submission attempts (2 accepted, 1 duplicate, 1 rejected); current revision 2 (${history.current?.submissionId})`,
    );
    expect(text[3]).toMatch(
      /^ {2}\S+Z {2}rejected {2}2 problems {2}by intern@agency\.example {2}\d+ bytes {2}sha256 [0-9a-f]{64} {2}uploads\/OFO\/2026-10\/bad\.xlsx {2}\(marked-up copy: annotated\/OFO\/2026-10\/bad\.[0-9a-f]{24}\.errors\.xlsx\)$/,
    );
  });

  it('answers an office and period with no attempts with an empty history', async () => {
    const history = await listSubmissionAttempts(harness.dependencies, {
      office: 'OFO',
      period: parsePeriod('2026-09'),
    });
    expect(history).toMatchObject({
      current: null,
      attempts: [],
      counts: { accepted: 0, duplicate: 0, rejected: 0 },
    });
  });
});
