import { InvalidInputError } from './errors';

/** A reporting period: one calendar month, written `YYYY-MM`. */
export type Period = string & { readonly __brand: 'Period' };

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Plans run for years, not centuries: refuse periods that are surely typos. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** The first and last periods `parsePeriod` accepts: a range that covers every stored period. */
export const FIRST_PERIOD = `${MIN_YEAR}-01` as Period;
export const LAST_PERIOD = `${MAX_YEAR}-12` as Period;

export function isPeriod(value: string): value is Period {
  const match = PERIOD_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

export function parsePeriod(value: string, where: { file?: string; column?: string } = {}): Period {
  if (!isPeriod(value)) {
    throw new InvalidInputError({
      rule: 'period.format',
      message: `"${value}" is not a reporting period: use YYYY-MM between ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2026-10`,
      ...where,
    });
  }
  return value;
}

function toIndex(period: Period): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return year * 12 + (month - 1);
}

function fromIndex(index: number): Period {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` as Period;
}

export function addMonths(period: Period, months: number): Period {
  return fromIndex(toIndex(period) + months);
}

export function previousPeriod(period: Period): Period {
  return addMonths(period, -1);
}

/** Negative when a is before b, 0 when equal. */
export function comparePeriods(a: Period, b: Period): number {
  return toIndex(a) - toIndex(b);
}

/** Every period from `from` to `to`, both included, oldest first. */
export function periodRange(from: Period, to: Period): Period[] {
  const result: Period[] = [];
  for (let index = toIndex(from); index <= toIndex(to); index++) result.push(fromIndex(index));
  return result;
}

/** The month `instant` falls in, as seen in `timeZone` (an IANA name such as America/New_York). */
export function periodContaining(instant: Date, timeZone: string): Period {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(instant);
  const year = parts.find((part) => part.type === 'year')?.value;
  const month = parts.find((part) => part.type === 'month')?.value;
  return parsePeriod(`${year}-${month}`);
}

/** The last complete calendar month before `instant` in `timeZone`: what a monthly run reports on. */
export function previousCalendarMonth(instant: Date, timeZone: string): Period {
  return previousPeriod(periodContaining(instant, timeZone));
}

/** First and last day of the period as ISO dates (YYYY-MM-DD). */
export function periodBounds(period: Period): { first: string; last: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(lastDay).padStart(2, '0')}` };
}
