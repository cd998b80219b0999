import { sanitizeHeaderText } from '../mail-text';
import type { Period } from '../period';
import { daysBetween } from '../reminder-schedule';
import { formatLongDate, formatPeriodLong } from '../report/display-format';
import { printableText } from '../report/report-text';
import { PROGRESS_COLUMNS, SHEETS } from '../submission/template-layout';

/** A Progress column's header as the workbook shows it, so the e-mail names what the office sees. */
function columnHeader(key: (typeof PROGRESS_COLUMNS)[number]['key']): string {
  const column = PROGRESS_COLUMNS.find((each) => each.key === key);
  if (!column) throw new Error(`no Progress column ${key}`);
  return column.header;
}

export interface WorkbookRequestInput {
  /** `open`: the first day of the submission window; `reminder`: before the deadline and on it. */
  readonly kind: 'open' | 'reminder';
  readonly office: { readonly code: string; readonly name: string };
  readonly period: Period;
  readonly deadline: string;
  readonly today: string;
  /** The attached workbook's file name. */
  readonly fileName: string;
  /** Rejected submissions of this period, if any: the office tried but nothing was accepted yet. */
  readonly rejectedAttempts: number;
}

/**
 * The e-mail that asks an office for its workbook, with the workbook attached: when the period
 * opens, and again as a reminder. Plain words for people who live in Outlook and Excel: fill in
 * the cells marked Input, reply with the workbook attached. It names no bucket, key or command.
 */
export function workbookRequestEmail(input: WorkbookRequestInput): { subject: string; text: string } {
  const officeName = printableText(input.office.name).replace(/\s+/g, ' ').trim();
  const month = formatPeriodLong(input.period);
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
    input.kind === 'open'
      ? `${input.office.code} progress workbook for ${input.period}: please reply by ${input.deadline}`
      : `Reminder: ${input.office.code} progress workbook for ${input.period} due ${input.deadline}`,
    200,
  );
  const opening =
    input.kind === 'open'
      ? [
          `Reporting for ${month} (${input.period}) is open. Your office's progress workbook is attached (${input.fileName}), with one row for each key activity ${input.office.code} reports on.`,
          `It is due ${when}.`,
        ]
      : [
          `Your progress workbook for ${month} (${input.period}) has not been received yet. It is due ${when}.`,
          ...(input.rejectedAttempts > 0
            ? [
                `${input.rejectedAttempts} workbook${input.rejectedAttempts === 1 ? ' was' : 's were'} received but not accepted; the answer you received lists every problem by row and column. Fix them and send the workbook again.`,
              ]
            : []),
          `The workbook is attached again (${input.fileName}).`,
        ];
  const text = [
    `${officeName} (${input.office.code}),`,
    '',
    ...opening,
    '',
    'What to do:',
    '1. Open the attached workbook in Excel.',
    '2. On the Progress sheet, fill in the cells marked Input in every row (shaded yellow; the columns before them come from the strategy and are locked). The Instructions sheet lists which columns those are and explains each.',
    `   For a row At Risk or Off Track, also fill in ${columnHeader('risksAndIssues')} and ${columnHeader('mitigation')}: what is wrong and what is being done about it.`,
    `3. On the ${SHEETS.attestation} sheet, give who prepared and who approved the figures, the date, and how the office's data are checked (what you gave last time is filled in, except the date). A workbook without them is not accepted.`,
    '4. Save it as an Excel workbook (.xlsx), keeping its name if you like.',
    '5. Reply to this e-mail with the saved workbook attached.',
    '',
    'Within a minute you get an answer in this thread: accepted, with a receipt, or every problem listed by row and column with your workbook attached and the cells to fix marked in red.',
    'You may send the workbook again as often as you need; the latest accepted one counts.',
    '',
    input.kind === 'open'
      ? 'You receive this because you are listed as a contact or submitter for your office.'
      : 'You receive this because no accepted workbook from your office is recorded for the period. If you sent it in the last few minutes, you can ignore this reminder.',
    '',
  ].join('\n');
  return { subject, text };
}
