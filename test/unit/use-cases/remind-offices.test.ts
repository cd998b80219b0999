import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { sha256Hex } from '../../../shared/domain/sha256';
import { type RemindOfficesRequest, remindOffices } from '../../../shared/use-cases/remind-offices';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision, progressRows } from '../../support/fixtures';

const P = parsePeriod;

/**
 * October 2026 is due on 10 November; reminders go on 7 and 10 November (New York). OFO has
 * submitted; OS has a configured address; AMO was rejected this period; ES's last accepted
 * submission names a point of contact; OT and USBP have no known address.
 */
async function october(now: string): Promise<{ deps: InMemoryDependencies; request: RemindOfficesRequest }> {
  const deps = inMemoryDependencies({
    now,
    config: { mail: { sender: 'strategy@agency.example', officeContacts: { OS: 'os.desk@agency.example' } } },
  });
  const rowsOf = (office: string) =>
    progressRows(deps.catalog.activitiesOf(office).map((activity) => activity.id));
  await deps.progress.commitRevision(
    newRevision({
      office: 'OFO',
      period: P('2026-10'),
      sha256: sha256Hex('OFO'),
      rowCount: rowsOf('OFO').length,
    }),
    rowsOf('OFO'),
    new Date('2026-11-02T12:00:00Z'),
  );
  await deps.history.record({
    submissionId: 'amo-1',
    office: 'AMO',
    period: P('2026-10'),
    receivedAt: '2026-11-03T10:00:00.000Z',
    uploader: 'amo.analyst@agency.example',
    sha256: 'd'.repeat(64),
    size: 10,
    source: { bucket: 'uploads', key: 'uploads/AMO/2026-10/a.xlsx' },
    outcome: 'rejected',
    problems: [],
    problemCount: 3,
  });
  await deps.progress.commitRevision(
    newRevision({
      office: 'ES',
      period: P('2026-09'),
      sha256: 'c'.repeat(64),
      uploader: 'AROAEXAMPLE:session',
    }),
    progressRows(['1.1.1'], { pointOfContact: 'es.poc@agency.example' }),
    new Date('2026-10-03T12:00:00Z'),
  );
  const request: RemindOfficesRequest = {
    period: P('2026-10'),
    mode: 'scheduled',
    settings: deps.config,
    sender: deps.config.mail.sender,
    officeContacts: deps.config.mail.officeContacts,
  };
  return { deps, request };
}

describe('remindOffices', () => {
  it('sends nothing on a day that is not a reminder day', async () => {
    const { deps, request } = await october('2026-11-05T15:00:00Z');
    const outcome = await remindOffices(deps, request);
    expect(outcome).toMatchObject({
      period: '2026-10',
      today: '2026-11-05',
      deadline: '2026-11-10',
      reminderDates: ['2026-11-07', '2026-11-10'],
      reminderDay: false,
      reminded: [],
    });
    expect(deps.mail.sent).toEqual([]);
  });

  it('reminds every office that has not submitted, at the best known address, once a day', async () => {
    const { deps, request } = await october('2026-11-07T15:00:00Z');
    const outcome = await remindOffices(deps, request);
    expect(outcome.submitted).toEqual(['OFO']);
    expect(outcome.reminded.map(({ office, to, contactSource }) => [office, to, contactSource])).toEqual([
      ['AMO', ['amo.analyst@agency.example'], 'upload this period'],
      ['OS', ['os.desk@agency.example'], 'configuration'],
      ['ES', ['es.poc@agency.example'], 'earlier submission'],
    ]);
    expect(outcome.noContact).toEqual(['USBP', 'OT']);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual([
      ['amo.analyst@agency.example'],
      ['os.desk@agency.example'],
      ['es.poc@agency.example'],
    ]);
    expect(deps.mail.sent[0]?.text).toMatch(/received but not accepted/);
    expect(deps.mail.sent[0]?.attachments?.map((attachment) => attachment.filename)).toEqual([
      'AMO-2026-10.xlsx',
    ]);
    expect(deps.mail.sent[0]?.replyTo).toBe(deps.config.mail.intakeAddress);

    const again = await remindOffices(deps, request);
    expect(again).toMatchObject({ reminded: [], alreadyReminded: ['AMO', 'OS', 'ES'] });
    expect(deps.mail.sent).toHaveLength(3);
  });

  it('sends at once, whatever the day, when asked to (the command line)', async () => {
    const { deps, request } = await october('2026-11-05T15:00:00Z');
    const outcome = await remindOffices(deps, { ...request, mode: 'now' });
    expect(outcome.reminderDay).toBe(false);
    expect(outcome.reminded).toHaveLength(3);
  });

  it('gives the claim back when a send fails, so the office is reminded on the next run', async () => {
    const { deps, request } = await october('2026-11-07T15:00:00Z');
    deps.mail.failNext();
    await expect(remindOffices(deps, request)).rejects.toThrow('SES refused the message');
    expect(deps.deliveries.stateOf({ period: '2026-10', id: 'reminder#2026-11-07#AMO' })).toBeUndefined();
    expect((await remindOffices(deps, request)).reminded).toHaveLength(3);
  });

  it('names the office on every line about its reminder, also when its claim cannot be given back', async () => {
    const { deps, request } = await october('2026-11-07T15:00:00Z');
    deps.mail.failNext();
    deps.deliveries.release = async () => {
      throw new Error('the table is unreachable');
    };
    await expect(remindOffices(deps, request)).rejects.toThrow('SES refused the message');
    expect(deps.log.lines).toEqual([
      {
        level: 'error',
        message: 'could not release the delivery claim; a later run can send once its lease expires',
        extra: {
          office: 'AMO',
          delivery: 'reminder#2026-11-07#AMO',
          error: new Error('the table is unreachable'),
        },
      },
    ]);
  });
});
