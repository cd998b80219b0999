import type { Catalog, Office } from '../domain/catalog/catalog';
import { isEmailAddress } from '../domain/mail-text';
import { addMonths, type Period } from '../domain/period';
import { reminderEmail } from '../domain/reminder-email';
import { localDate, type ReminderSettings, reminderSchedule } from '../domain/reminder-schedule';
import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';
import type { MailSender } from '../ports/mail-sender';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SubmissionAttempt, SubmissionHistory } from '../ports/submission-history';
import { releaseDelivery } from './release-delivery';

export interface RemindOfficesPorts {
  readonly progress: ProgressRepository;
  readonly history: SubmissionHistory;
  readonly deliveries: DeliveryLog;
  readonly mail: MailSender;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly log: Log;
}

export interface RemindOfficesRequest {
  readonly period: Period;
  /** `scheduled`: only on a reminder day (the daily run). `now`: today, whatever the day (the CLI). */
  readonly mode: 'scheduled' | 'now';
  readonly settings: ReminderSettings;
  readonly sender: string;
  /** Office code → address, used before any address learnt from submissions. */
  readonly officeContacts: Readonly<Record<string, string>>;
  /** How many earlier periods to search for an office's last known submitter. */
  readonly lookBackPeriods?: number;
}

export interface OfficeReminder {
  readonly office: string;
  readonly to: readonly string[];
  readonly contactSource: 'configuration' | 'upload this period' | 'earlier submission';
  readonly messageId: string;
}

export interface RemindOfficesOutcome {
  readonly period: Period;
  readonly today: string;
  readonly deadline: string;
  readonly reminderDates: readonly string[];
  /** False when a scheduled run found today is not a reminder day: nothing was sent. */
  readonly reminderDay: boolean;
  readonly submitted: readonly string[];
  readonly reminded: readonly OfficeReminder[];
  /** Reminded earlier today (a repeated run sends nothing twice). */
  readonly alreadyReminded: readonly string[];
  /** Offices that have not submitted and have no known address: configure mail.officeContacts. */
  readonly noContact: readonly string[];
}

const DEFAULT_LOOK_BACK = 12;

/**
 * Reminds every office that has no accepted submission for the period, by e-mail, N days before
 * the deadline and on it (config), once per office and day. The address is the configured office
 * contact, else the most recent uploader (or point of contact) known from the office's submissions.
 */
export async function remindOffices(
  ports: RemindOfficesPorts,
  request: RemindOfficesRequest,
): Promise<RemindOfficesOutcome> {
  const now = ports.clock.now();
  const today = localDate(now, request.settings.timeZone);
  const schedule = reminderSchedule(request.period, request.settings);
  const reminderDay = schedule.reminderDates.includes(today);
  const base = {
    period: request.period,
    today,
    deadline: schedule.deadline,
    reminderDates: schedule.reminderDates,
    reminderDay,
  };

  // 1. Scheduled runs happen daily; they only act on reminder days.
  if (request.mode === 'scheduled' && !reminderDay)
    return { ...base, submitted: [], reminded: [], alreadyReminded: [], noContact: [] };

  // 2. Who has not submitted: offices that own key activities, minus those with a current revision.
  const submitted = new Set(
    (await ports.progress.currentRevisions(request.period)).map((revision) => revision.office),
  );
  const expected = ports.catalog.offices.filter(
    (office) => ports.catalog.activitiesOf(office.code).length > 0,
  );
  const attempts = await ports.history.attemptsInPeriod(request.period);

  const reminded: OfficeReminder[] = [];
  const alreadyReminded: string[] = [];
  const noContact: string[] = [];
  for (const office of expected) {
    if (submitted.has(office.code)) continue;
    // Every line about this office's reminder (its e-mail's message id, a failure) names the office.
    const answer = await ports.log.withRecordKeys({ office: office.code }, () =>
      remindOffice(ports, request, { office, today, deadline: schedule.deadline, now }, attempts),
    );
    if (answer.kind === 'reminded') reminded.push(answer.reminder);
    else if (answer.kind === 'already-reminded') alreadyReminded.push(office.code);
    else noContact.push(office.code);
  }
  return { ...base, submitted: [...submitted].sort(), reminded, alreadyReminded, noContact };
}

/** One office without a submission: found a contact, claimed today's delivery, and sent. */
async function remindOffice(
  ports: RemindOfficesPorts,
  request: RemindOfficesRequest,
  day: { readonly office: Office; readonly today: string; readonly deadline: string; readonly now: Date },
  attempts: readonly SubmissionAttempt[],
): Promise<
  { kind: 'reminded'; reminder: OfficeReminder } | { kind: 'already-reminded' } | { kind: 'no-contact' }
> {
  const { office, today, now } = day;
  const officeAttempts = attempts.filter((attempt) => attempt.office === office.code);

  // 3. Where to write.
  const contact = await contactOf(ports, request, office.code, officeAttempts);
  if (!contact) return { kind: 'no-contact' };

  // 4. Once per office and day.
  const key = { period: request.period, id: `reminder#${today}#${office.code}` };
  const claim = await ports.deliveries.claim(key, now);
  if (claim.kind !== 'claimed') return { kind: 'already-reminded' };
  const email = reminderEmail({
    office,
    period: request.period,
    deadline: day.deadline,
    today,
    rejectedAttempts: officeAttempts.filter((attempt) => attempt.outcome === 'rejected').length,
  });
  let messageId: string;
  try {
    ({ messageId } = await ports.mail.send({
      from: request.sender,
      to: contact.to,
      subject: email.subject,
      text: email.text,
    }));
  } catch (error) {
    await releaseDelivery(ports, key);
    throw error;
  }
  await ports.deliveries.complete(key, { messageId, recipients: contact.to }, now);
  return {
    kind: 'reminded',
    reminder: { office: office.code, to: contact.to, contactSource: contact.source, messageId },
  };
}

async function contactOf(
  ports: RemindOfficesPorts,
  request: RemindOfficesRequest,
  office: string,
  attemptsThisPeriod: readonly { uploader: string; receivedAt: string }[],
): Promise<{ to: string[]; source: OfficeReminder['contactSource'] } | undefined> {
  const configured = request.officeContacts[office];
  if (configured && isEmailAddress(configured)) return { to: [configured], source: 'configuration' };

  // Someone from the office uploaded this period (and was rejected): they are the freshest contact.
  const latestAttempt = [...attemptsThisPeriod]
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))
    .find((attempt) => isEmailAddress(attempt.uploader));
  if (latestAttempt) return { to: [latestAttempt.uploader], source: 'upload this period' };

  // Otherwise the most recent earlier accepted submission: its uploader, else a point of contact.
  for (let back = 1; back <= (request.lookBackPeriods ?? DEFAULT_LOOK_BACK); back++) {
    const period = addMonths(request.period, -back);
    const revision = await ports.progress.currentRevision(office, period);
    if (!revision) continue;
    if (isEmailAddress(revision.uploader)) return { to: [revision.uploader], source: 'earlier submission' };
    const rows = await ports.progress.rows(office, period, revision.revision);
    const pointOfContact = rows.map((row) => row.pointOfContact?.trim() ?? '').find(isEmailAddress);
    if (pointOfContact) return { to: [pointOfContact], source: 'earlier submission' };
  }
  return undefined;
}
