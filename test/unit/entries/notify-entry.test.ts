import { describe, expect, it } from 'vitest';
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
  });
});
