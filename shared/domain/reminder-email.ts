import { sanitizeHeaderText } from './mail-text';
import type { Period } from './period';
import { daysBetween } from './reminder-schedule';
import { formatLongDate, formatPeriodLong } from './report/display-format';
import { printableText } from './report/report-text';

export interface ReminderEmailInput {
  readonly office: { readonly code: string; readonly name: string };
  readonly period: Period;
  readonly deadline: string;
  readonly today: string;
  /** Rejected uploads of this period, if any: the office tried but nothing was accepted yet. */
  readonly rejectedAttempts: number;
}

/** A reminder to an office that has not submitted its workbook for the period. */
export function reminderEmail(input: ReminderEmailInput): { subject: string; text: string } {
  const officeName = printableText(input.office.name).replace(/\s+/g, ' ').trim();
  const days = daysBetween(input.today, input.deadline);
  const when =
    days > 1
      ? `in ${days} days, on ${formatLongDate(input.deadline)}`
      : days === 1
        ? `tomorrow, ${formatLongDate(input.deadline)}`
        : days === 0
          ? `today, ${formatLongDate(input.deadline)}`
          : `on ${formatLongDate(input.deadline)} (${-days} days ago)`;
  const subject = sanitizeHeaderText(
    `Reminder: ${input.office.code} progress workbook for ${input.period} due ${input.deadline}`,
    200,
  );
  const text = [
    `${officeName} (${input.office.code}),`,
    '',
    `Your progress workbook for ${formatPeriodLong(input.period)} (${input.period}) has not been received. It is due ${when}.`,
    input.rejectedAttempts > 0
      ? `${input.rejectedAttempts} upload${input.rejectedAttempts === 1 ? ' was' : 's were'} received but rejected; the rejection message lists every problem by row and column. Fix them and upload the workbook again.`
      : 'Fill in the template for the period and upload it.',
    `Upload to: uploads/${input.office.code}/${input.period}/ in the uploads bucket.`,
    '',
    'You receive this because no accepted submission from your office is recorded for the period. If you submitted in the last few minutes, you can ignore it.',
    '',
  ].join('\n');
  return { subject, text };
}
