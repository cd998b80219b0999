import { addMonths, type Period } from './period';

/** The settings that decide when a period's submissions are due and when offices are reminded. */
export interface ReminderSettings {
  readonly timeZone: string;
  readonly submissionDeadlineDay: number;
  readonly reminderDaysBefore: number;
}

export interface ReminderSchedule {
  readonly period: Period;
  /** The first day of the submission window (the 1st of the following month): the period opens. */
  readonly openDate: string;
  /** The day submissions are due: `submissionDeadlineDay` of the following month (YYYY-MM-DD). */
  readonly deadline: string;
  /** `reminderDaysBefore` days before the deadline, then the deadline itself. */
  readonly reminderDates: readonly [string, string];
}

const DAY = 86_400_000;

function shiftDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function reminderSchedule(period: Period, settings: ReminderSettings): ReminderSchedule {
  const deadline = `${addMonths(period, 1)}-${String(settings.submissionDeadlineDay).padStart(2, '0')}`;
  return {
    period,
    openDate: `${addMonths(period, 1)}-01`,
    deadline,
    reminderDates: [shiftDate(deadline, -settings.reminderDaysBefore), deadline],
  };
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}
