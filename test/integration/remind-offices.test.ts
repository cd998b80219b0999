import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { createRemindHandler, runRemind } from '../../shared/entries/remind-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { newRevision, progressRows } from '../support/fixtures';

let now = new Date('2026-11-05T15:00:00Z');
const clock = { now: () => now };

describe('the remind function on the embedded servers', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;
  const sent = async () => {
    const files = readdirSync(runtime.outboxDirectory)
      .filter((name) => name.endsWith('.eml'))
      .sort();
    return Promise.all(files.map((name) => simpleParser(readFileSync(join(runtime.outboxDirectory, name)))));
  };

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    deps = localDependencies(runtime, {
      catalog: defaultCatalog(),
      // Deadline 10 November, reminders on 7 and 10 November (New York).
      config: parseProductConfig({
        mail: { sender: 'strategy@agency.example', officeContacts: { OS: 'os.desk@agency.example' } },
      }),
      clock,
    });
    const october = parsePeriod('2026-10');
    const catalog = defaultCatalog();
    const rowsOf = (office: string) =>
      progressRows(catalog.activitiesOf(office).map((activity) => activity.id));
    // OFO and USBP submitted October.
    for (const office of ['OFO', 'USBP'])
      await deps.progress.commitRevision(
        newRevision({
          office,
          period: october,
          sha256: sha256Hex(office),
          uploader: `${office.toLowerCase()}@agency.example`,
          rowCount: rowsOf(office).length,
        }),
        rowsOf(office),
        new Date('2026-11-02T12:00:00Z'),
      );
    // AMO last submitted in August: its uploader is the contact.
    await deps.progress.commitRevision(
      newRevision({
        office: 'AMO',
        period: parsePeriod('2026-08'),
        sha256: 'b'.repeat(64),
        uploader: 'amo.lead@agency.example',
        rowCount: rowsOf('AMO').length,
      }),
      rowsOf('AMO'),
      new Date('2026-09-03T12:00:00Z'),
    );
    // ES submitted in September with an uploader that is not an address; its point of contact is one.
    await deps.progress.commitRevision(
      newRevision({
        office: 'ES',
        period: parsePeriod('2026-09'),
        sha256: 'c'.repeat(64),
        uploader: 'AROAEXAMPLE:session',
        rowCount: 2,
      }),
      progressRows(
        catalog
          .activitiesOf('ES')
          .slice(0, 2)
          .map((activity) => activity.id),
        { pointOfContact: 'es.poc@agency.example' },
      ),
      new Date('2026-10-04T12:00:00Z'),
    );
    // OT tried in October and was rejected.
    await deps.history.record({
      submissionId: 'ot-1',
      office: 'OT',
      period: october,
      receivedAt: '2026-11-03T10:00:00.000Z',
      uploader: 'ot.analyst@agency.example',
      sha256: 'd'.repeat(64),
      size: 1000,
      source: { bucket: 'uploads', key: 'uploads/OT/2026-10/ot.xlsx' },
      outcome: 'rejected',
      problems: [{ rule: 'status.allowed-values', message: 'bad status' }],
    });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('sends nothing on a day that is not a reminder day', async () => {
    const outcome = await createRemindHandler(deps)({});
    expect(outcome).toMatchObject({
      period: '2026-10',
      today: '2026-11-05',
      deadline: '2026-11-10',
      reminderDates: ['2026-11-07', '2026-11-10'],
      reminderDay: false,
      reminded: [],
    });
    expect(await sent()).toHaveLength(0);
  });

  it('reminds every office without an accepted submission, N days before the deadline, at the best known address', async () => {
    now = new Date('2026-11-07T13:00:00Z');
    const outcome = await createRemindHandler(deps)({});
    expect(outcome.reminderDay).toBe(true);
    expect(outcome.submitted).toEqual(['OFO', 'USBP']);
    expect(outcome.reminded.map(({ office, to, contactSource }) => ({ office, to, contactSource }))).toEqual([
      { office: 'AMO', to: ['amo.lead@agency.example'], contactSource: 'earlier submission' },
      { office: 'OT', to: ['ot.analyst@agency.example'], contactSource: 'upload this period' },
      { office: 'OS', to: ['os.desk@agency.example'], contactSource: 'configuration' },
      { office: 'ES', to: ['es.poc@agency.example'], contactSource: 'earlier submission' },
    ]);
    expect(outcome.noContact).toEqual([]);
    const mails = await sent();
    expect(mails.map((mail) => mail.subject)).toEqual(
      ['AMO', 'OT', 'OS', 'ES'].map(
        (office) => `Reminder: ${office} progress workbook for 2026-10 due 2026-11-10`,
      ),
    );
    const ot = mails.find((mail) => mail.subject?.includes(' OT '));
    expect(ot?.text).toContain('It is due in 3 days, on 10 November 2026.');
    expect(ot?.text).toContain('1 workbook was received but not accepted');
    expect(ot?.text).toContain('Reply to this e-mail with the saved workbook attached.');
    expect(ot?.text).not.toMatch(/uploads\/|bucket/);
    expect(ot?.replyTo?.value[0]?.address).toBe('submissions@example.gov');
    expect(ot?.attachments.map((attachment) => attachment.filename)).toEqual(['OT-2026-10.xlsx']);
  });

  it('reminds each office once a day however often it runs', async () => {
    const again = await createRemindHandler(deps)({});
    expect(again.reminded).toEqual([]);
    expect(again.alreadyReminded).toEqual(['AMO', 'OT', 'OS', 'ES']);
    expect(await sent()).toHaveLength(4);
  });

  it('reckons the day in the configured time zone and reminds again on the deadline', async () => {
    now = new Date('2026-11-10T04:30:00Z'); // 9 November in New York
    expect((await createRemindHandler(deps)({})).reminderDay).toBe(false);
    now = new Date('2026-11-10T15:00:00Z');
    const outcome = await createRemindHandler(deps)({ period: '2026-10' });
    expect(outcome.reminded).toHaveLength(4);
    const last = (await sent()).at(-1);
    expect(last?.text).toContain('It is due today, 10 November 2026.');
  });

  it('sends at once, whatever the day, when run from the command line', async () => {
    now = new Date('2026-11-12T15:00:00Z');
    await expect(createRemindHandler(deps)({ period: '2026-10', now: true })).rejects.toThrow(
      /remind event: unknown field "now"/,
    );
    const outcome = await runRemind(deps, { period: parsePeriod('2026-10'), mode: 'now' });
    expect(outcome.reminderDay).toBe(false);
    expect(outcome.reminded.map((reminder) => reminder.office)).toEqual(['AMO', 'OT', 'OS', 'ES']);
    expect((await sent()).at(-1)?.text).toContain('(2 days ago)');
  });

  it('names the offices it has no address for', async () => {
    const outcome = await runRemind(deps, { period: parsePeriod('2025-01'), mode: 'now' });
    expect(outcome.noContact).toEqual(['OFO', 'USBP', 'AMO', 'OT', 'ES']);
    expect(outcome.reminded.map((reminder) => reminder.office)).toEqual(['OS']);
  });
});
