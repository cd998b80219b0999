import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { createRemindHandler, runRemind } from '../../../shared/entries/remind-entry';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';

describe('the remind entry', () => {
  const config = { mail: { officeContacts: { OS: 'os.desk@agency.example' } } };

  it('sends only on a reminder day when scheduled, and answers with the period', async () => {
    const deps = inMemoryDependencies({ now: '2026-11-05T15:00:00Z', config });
    const quiet = await createRemindHandler(deps)({});
    expect(quiet).toMatchObject({ period: '2026-10', reminderDay: false, reminded: [] });
    deps.clock.set('2026-11-07T15:00:00Z');
    const due = await createRemindHandler(deps)({});
    expect(due).toMatchObject({ period: '2026-10', reminderDay: true });
    expect(due.reminded.map((reminder) => reminder.office)).toEqual(['OS']);
  });

  it('sends today whatever the day from the command line; the function refuses that flag', async () => {
    const deps = inMemoryDependencies({ now: '2026-11-05T15:00:00Z', config });
    await expect(createRemindHandler(deps)({ now: true })).rejects.toThrow(
      /remind event: unknown field "now"/,
    );
    expect(deps.mail.sent).toEqual([]);
    const now = await runRemind(deps, { period: parsePeriod('2026-10'), mode: 'now' });
    expect(now.reminded.map((reminder) => reminder.office)).toEqual(['OS']);
  });
});
