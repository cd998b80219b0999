import type { Period } from '../period';

/**
 * How every report (PDF, HTML, workbook labels, e-mail) writes numbers and dates, in one place so
 * the same figure reads the same everywhere, and a test can format a snapshot's value the same way
 * and find it. Percentages keep one decimal; a level with nothing to measure says so in words.
 */
export const NO_DATA = 'no data';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 42.857 → "42.9%"; null → "no data". */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : `${value.toFixed(1)}%`;
}

/** A ratio (actual ÷ target) as a percentage: 0.85 → "85.0%". */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : formatPercent(value * 100);
}

/** A change in percentage points: +3.2 → "+3.2 pts", -0.04 → "-0.0 pts" is written "0.0 pts". */
export function formatPointChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const rounded = value.toFixed(1);
  if (rounded === '0.0' || rounded === '-0.0') return '0.0 pts';
  return `${value > 0 ? '+' : ''}${rounded} pts`;
}

/** "2026-10" → "October 2026". */
export function formatPeriodLong(period: Period | string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return `${MONTHS[month - 1]} ${year}`;
}

/** An ISO instant or date → its UTC calendar date "2026-11-05" (reports name dates unambiguously). */
export function formatIsoDate(value: string): string {
  return value.slice(0, 10);
}

/** "2026-11-05" → "5 November 2026". */
export function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "N of M offices reported". */
export function formatOfficesReported(reported: number, expected: number): string {
  return `${reported} of ${expected} offices reported`;
}

/**
 * Text flattened to one line (runs of whitespace become one space) and cut at `length` characters
 * with an ellipsis: how a summary quotes a narrative the detail shows whole.
 */
export function oneLine(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  // End at a word where one ends near the limit, rather than mid-word.
  const space = cut.lastIndexOf(' ');
  return `${(space >= length * 0.7 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
