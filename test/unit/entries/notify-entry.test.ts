import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { createNotifyHandler } from '../../../shared/entries/notify-entry';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

describe('the notify entry', () => {
  it('mails the leadership list from the configured sender, once, and answers with the period', async () => {
    const deps = inMemoryDependencies({
      now: '2026-11-05T15:00:00Z',
      config: { mail: { sender: 'brief@agency.example', leadership: ['chief@agency.example'] } },
    });
    await storedSnapshot(deps, '2026-10');
    await renderWith(deps, '2026-10');
    const handler = createNotifyHandler(deps);
    expect(await handler({})).toEqual({
      period: '2026-10',
      outcome: 'sent',
      version: 1,
      recipients: ['chief@agency.example'],
      messageId: 'message-1@test',
      workbook: 'attached',
    });
    expect(deps.mail.sent[0]).toMatchObject({ from: 'brief@agency.example', to: ['chief@agency.example'] });
    expect(await handler({ period: '2026-10' })).toMatchObject({
      period: '2026-10',
      outcome: 'already-sent',
      sentAt: '2026-11-05T15:00:00.000Z',
    });
    await expect(handler({ period: '2026-10', resend: true })).rejects.toThrow(/unknown field "resend"/);
    expect(deps.mail.sent).toHaveLength(1);
    expect(deps.log.lines).toEqual([
      {
        level: 'info',
        message: 'leadership brief sent',
        extra: { period: '2026-10', version: 1, messageId: 'message-1@test' },
      },
      {
        level: 'info',
        message: 'leadership brief already sent',
        extra: { period: '2026-10', version: 1, messageId: 'message-1@test' },
      },
    ]);
  });

  it('logs under the period, and counts a file that fails its hash check as a verify failure', async () => {
    const deps = inMemoryDependencies({ now: '2026-11-05T15:00:00Z' });
    await storedSnapshot(deps, '2026-10');
    const { record } = await renderWith(deps, '2026-10');
    const pdf = record.files.find((file) => file.name === 'brief.pdf');
    await deps.reportObjects.put(pdf?.key as string, Buffer.from('altered'));

    await expect(createNotifyHandler(deps)({})).rejects.toBeInstanceOf(IntegrityError);

    expect(deps.metrics.total('VerifyFailures')).toBe(1);
    expect(deps.log.lines).toEqual([
      {
        level: 'error',
        message: 'a stored object failed its integrity check',
        extra: { period: '2026-10', error: expect.any(IntegrityError) },
      },
    ]);
    expect(deps.mail.sent).toEqual([]);
  });
});
