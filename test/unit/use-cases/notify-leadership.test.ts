import { describe, expect, it } from 'vitest';
import { IntegrityError, NotFoundError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { notifyLeadership } from '../../../shared/use-cases/notify-leadership';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot, withRenderedReport } from '../../support/fakes/report-scenarios';

const P = parsePeriod;
const request = {
  period: P('2026-10'),
  sender: 'brief@agency.example',
  recipients: ['deputy@agency.example', 'chief@agency.example'],
};
const leadership = (version: number) => ({
  period: '2026-10',
  id: `leadership#V${String(version).padStart(4, '0')}`,
});

async function rendered(): Promise<InMemoryDependencies> {
  return (await withRenderedReport()).deps;
}

describe('notifyLeadership', () => {
  it('says there is nothing to mail for a period with no report', async () => {
    const deps = inMemoryDependencies();
    await expect(notifyLeadership(deps, request)).rejects.toThrow(NotFoundError);
    expect(deps.mail.sent).toEqual([]);
  });

  it('mails the latest version with the PDF, the HTML brief and the workbook attached, as checked against their hashes', async () => {
    const deps = await rendered();
    const outcome = await notifyLeadership(deps, request);
    expect(outcome).toMatchObject({
      kind: 'sent',
      record: { period: '2026-10', version: 1 },
      recipients: request.recipients,
      messageId: 'message-1@test',
      workbook: 'attached',
    });
    const [mail] = deps.mail.sent;
    expect(mail).toMatchObject({ from: 'brief@agency.example', to: request.recipients });
    expect(mail?.subject).toMatch(/^Strategy status brief 2026-10: \w/);
    expect(mail?.attachments?.map((attachment) => attachment.filename)).toEqual([
      'strategy-brief-2026-10-v0001.pdf',
      'strategy-brief-2026-10-v0001.html',
      'strategy-workbook-2026-10-v0001.xlsx',
    ]);
    const pdfKey = outcome.record.files[0]?.key as string;
    expect(mail?.attachments?.[0]?.content.equals(await deps.reportObjects.get(pdfKey))).toBe(true);
    expect(deps.deliveries.stateOf(leadership(1))).toBe('sent');
  });

  it('mails a version once: a repeated run sends nothing and says when it was sent', async () => {
    const deps = await rendered();
    const sent = await notifyLeadership(deps, request);
    deps.clock.advance(3_600_000);
    const again = await notifyLeadership(deps, request);
    expect(again).toEqual({
      kind: 'already-sent',
      record: sent.record,
      recipients: request.recipients,
      messageId: 'message-1@test',
      sentAt: '2026-11-20T15:00:00.000Z',
    });
    expect(deps.mail.sent).toHaveLength(1);

    // A new version is mailed again.
    await renderWith(deps, '2026-10', { force: true });
    expect(await notifyLeadership(deps, request)).toMatchObject({ kind: 'sent', record: { version: 2 } });
    expect(deps.mail.sent).toHaveLength(2);
  });

  it('sends nothing while another run holds the delivery', async () => {
    const deps = await rendered();
    await deps.deliveries.claim(leadership(1), deps.clock.now());
    await expect(notifyLeadership(deps, request)).rejects.toThrow(
      'the 2026-10 v0001 brief is being sent by another run',
    );
    expect(deps.mail.sent).toEqual([]);
  });

  it('gives the claim back when the send fails, so the next run sends at once', async () => {
    const deps = await rendered();
    deps.mail.failNext();
    await expect(notifyLeadership(deps, request)).rejects.toThrow('SES refused the message');
    expect(deps.deliveries.stateOf(leadership(1))).toBeUndefined();
    expect((await notifyLeadership(deps, request)).kind).toBe('sent');
  });

  it('logs a claim it could not give back, and throws the send’s failure', async () => {
    const deps = await rendered();
    deps.mail.failNext();
    deps.deliveries.release = async () => {
      throw new Error('the table is unreachable');
    };
    await expect(notifyLeadership(deps, request)).rejects.toThrow('SES refused the message');
    expect(deps.log.lines).toEqual([
      {
        level: 'error',
        message: 'could not release the delivery claim; a later run can send once its lease expires',
        extra: { delivery: 'leadership#V0001', error: new Error('the table is unreachable') },
      },
    ]);
  });

  it('links the workbook instead of attaching it when it is over the limit', async () => {
    const deps = await rendered();
    const outcome = await notifyLeadership(deps, {
      ...request,
      workbookAttachmentLimitBytes: 10,
      workbookLinkSeconds: 3600,
    });
    expect(outcome).toMatchObject({ kind: 'sent', workbook: 'linked' });
    const [mail] = deps.mail.sent;
    expect(mail?.attachments?.map((attachment) => attachment.filename)).toEqual([
      'strategy-brief-2026-10-v0001.pdf',
      'strategy-brief-2026-10-v0001.html',
    ]);
    expect(mail?.text).toContain(
      'https://strategy-report-reports.s3.example/reports/2026-10/v0001/workbook.xlsx',
    );
    expect(mail?.text).toContain('X-Amz-Expires=3600');
  });

  it('sends nothing, and gives the claim back, when a file was altered or the snapshot is gone', async () => {
    const deps = await rendered();
    const [pdf] = (await deps.reportIndex.latest(P('2026-10')))?.files ?? [];
    const original = await deps.reportObjects.get(pdf?.key as string);
    await deps.reportObjects.put(pdf?.key as string, Buffer.from('altered'));
    await expect(notifyLeadership(deps, request)).rejects.toBeInstanceOf(IntegrityError);
    expect(deps.mail.sent).toEqual([]);
    expect(deps.deliveries.stateOf(leadership(1))).toBeUndefined();
    await deps.reportObjects.put(pdf?.key as string, original);

    const withoutSnapshot = inMemoryDependencies();
    await storedSnapshot(withoutSnapshot, '2026-10');
    await renderWith(withoutSnapshot, '2026-10');
    const noIndex = { ...withoutSnapshot, snapshotIndex: inMemoryDependencies().snapshotIndex };
    await expect(notifyLeadership(noIndex, request)).rejects.toThrow(
      'the snapshot of report 2026-10 v0001 (v1) is missing',
    );
    expect(withoutSnapshot.deliveries.stateOf(leadership(1))).toBeUndefined();
  });
});
