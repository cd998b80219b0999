import { SubmitterDirectory } from '../domain/mail/submitter-directory';
import { isEmailAddress } from '../domain/mail-text';
import { addMonths, type Period } from '../domain/period';
import { localDate, type ReminderSettings, reminderSchedule } from '../domain/reminder-schedule';
import type { DeliveryKey, DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';
import type { MailSender } from '../ports/mail-sender';
import type { SubmissionHistory } from '../ports/submission-history';
import { releaseDelivery } from './release-delivery';
import { type WorkbookRequestPorts, workbookRequestMessage } from './workbook-request';

export interface RemindOfficesPorts extends WorkbookRequestPorts {
  readonly history: SubmissionHistory;
  readonly deliveries: DeliveryLog;
  readonly mail: MailSender;
  readonly log: Log;
}

export interface RemindOfficesRequest {
  readonly period: Period;
  /**
   * `scheduled`: the daily run: the open-period e-mail on the window's first day, reminders on
   * reminder days, nothing otherwise. `now`: today, whatever the day (the CLI): reminders, or the
   * open-period e-mail when `kind` says so.
   */
  readonly mode: 'scheduled' | 'now';
  /** With mode `now`: which e-mail to send (default `reminder`). */
  readonly kind?: 'open' | 'reminder';
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
  /** The open-period e-mail or a reminder; both carry the office's workbook. */
  readonly kind: 'open' | 'reminder';
  readonly messageId: string;
}

export interface RemindOfficesOutcome {
  readonly period: Period;
  readonly today: string;
  readonly deadline: string;
  readonly reminderDates: readonly string[];
  /** The first day of the submission window, when every office gets its workbook. */
  readonly openDate: string;
  /** False when a scheduled run found today is neither the open day nor a reminder day: nothing was sent. */
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
 * Asks every office for its workbook by e-mail, the workbook attached: on the first day of the
 * period's submission window (once per office and period), then N days before the deadline and
 * on it (once per office and day) for offices with no accepted submission yet. The addresses are
 * the configured office contact and the office's listed submitters, else the most recent uploader
 * (or point of contact) known from the office's submissions.
 */
export async function remindOffices(
  ports: RemindOfficesPorts,
  request: RemindOfficesRequest,
): Promise<RemindOfficesOutcome> {
  const now = ports.clock.now();
  const today = localDate(now, request.settings.timeZone);
  const schedule = reminderSchedule(request.period, request.settings);
  const kind = mailKindOf(request, today, schedule);
  const base = {
    period: request.period,
    today,
    deadline: schedule.deadline,
    reminderDates: schedule.reminderDates,
    openDate: schedule.openDate,
    reminderDay: today === schedule.openDate || schedule.reminderDates.includes(today),
  };

  // 1. Scheduled runs happen daily; they only act on the open day and on reminder days.
  if (kind === undefined) return { ...base, submitted: [], reminded: [], alreadyReminded: [], noContact: [] };

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
    const officeAttempts = attempts.filter((attempt) => attempt.office === office.code);

    // 3. Where to write.
    const contact = await contactOf(ports, request, office.code, officeAttempts);
    if (!contact) {
      noContact.push(office.code);
      continue;
    }

    // 4. The open-period e-mail once per office and period; a reminder once per office and day.
    const key = {
      period: request.period,
      id: kind === 'open' ? `open#${office.code}` : `reminder#${today}#${office.code}`,
    };
    const claim = await ports.deliveries.claim(key, now);
    if (claim.kind !== 'claimed') {
      alreadyReminded.push(office.code);
      continue;
    }
    const rejectedAttempts = officeAttempts.filter((attempt) => attempt.outcome === 'rejected').length;
    const workbookRequest = {
      kind,
      office,
      period: request.period,
      deadline: schedule.deadline,
      today,
      rejectedAttempts,
      to: contact.to,
    };
    // Every line about this office's e-mail (its message id, a failure) names the office.
    const messageId = await ports.log.withRecordKeys({ office: office.code }, () =>
      sendClaimed(ports, key, workbookRequest, request.sender, now),
    );
    reminded.push({ office: office.code, to: contact.to, contactSource: contact.source, kind, messageId });
  }
  return { ...base, submitted: [...submitted].sort(), reminded, alreadyReminded, noContact };
}

/** Which e-mail today calls for: the open-period one, a reminder, or (a scheduled run on another day) none. */
function mailKindOf(
  request: RemindOfficesRequest,
  today: string,
  schedule: { readonly openDate: string; readonly reminderDates: readonly string[] },
): 'open' | 'reminder' | undefined {
  if (request.mode === 'now') return request.kind ?? 'reminder';
  if (today === schedule.openDate) return 'open';
  return schedule.reminderDates.includes(today) ? 'reminder' : undefined;
}

/** Sends a claimed delivery and records it sent; a failed send gives the claim back, so the next run can try. */
async function sendClaimed(
  ports: RemindOfficesPorts,
  key: DeliveryKey,
  request: Parameters<typeof workbookRequestMessage>[0],
  sender: string,
  now: Date,
): Promise<string> {
  let messageId: string;
  try {
    const message = await workbookRequestMessage(request, ports);
    ({ messageId } = await ports.mail.send({ ...message, from: sender }));
  } catch (error) {
    await releaseDelivery(ports, key);
    throw error;
  }
  await ports.deliveries.complete(key, { messageId, recipients: request.to }, now);
  return messageId;
}

async function contactOf(
  ports: RemindOfficesPorts,
  request: RemindOfficesRequest,
  office: string,
  attemptsThisPeriod: readonly { uploader: string; receivedAt: string }[],
): Promise<{ to: string[]; source: OfficeReminder['contactSource'] } | undefined> {
  const configured = request.officeContacts[office];
  const listed = new SubmitterDirectory(ports.config.mail.officeSubmitters).addressesOf(office);
  const addresses = [...(configured ? [configured] : []), ...listed]
    .filter(isEmailAddress)
    .filter(
      (address, index, all) =>
        all.findIndex((other) => other.toLowerCase() === address.toLowerCase()) === index,
    );
  if (addresses.length > 0) return { to: addresses, source: 'configuration' };

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
