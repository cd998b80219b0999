import { isEmailAddress } from '../mail-text';
import { addMonths, type Period, periodBounds } from '../period';
import { STATUSES, type Status } from '../progress';
import { type CellValue, cellText } from './submitted-workbook';

/**
 * How one input cell becomes one field of a progress row. Each function returns the value, or a
 * problem (rule id and message) for the cell; none of them throws or evaluates anything.
 */
export type CellResult<T> =
  | { readonly ok: true; readonly value: T | undefined }
  | { readonly ok: false; readonly rule: string; readonly message: string };

const ok = <T>(value: T | undefined): CellResult<T> => ({ ok: true, value });
const problem = <T>(rule: string, message: string): CellResult<T> => ({ ok: false, rule, message });

/** Values that are not plain content: error values and formulas with no saved result. */
function unreadable<T>(cell: CellValue): CellResult<T> | undefined {
  if (cell.kind === 'error')
    return problem('cell.error-value', `the cell shows the error ${cell.code}: type a value instead`);
  if (cell.kind === 'uncalculated-formula')
    return problem(
      'cell.formula-without-value',
      'the cell holds a formula with no saved result (formulas are never calculated here): type the value instead',
    );
  return undefined;
}

/** Rounds away binary noise such as 0.45 * 100 = 45.00000000000001. */
const tidy = (value: number) => Math.round(value * 1e9) / 1e9;

export function textCell(cell: CellValue | undefined, maxLength: number): CellResult<string> {
  if (cell === undefined) return ok(undefined);
  const bad = unreadable<string>(cell);
  if (bad) return bad;
  let text: string;
  switch (cell.kind) {
    case 'text':
      text = cell.text.trim();
      break;
    case 'number':
      text = String(cell.value);
      break;
    case 'date':
      text = cell.value.toISOString().slice(0, 10);
      break;
    case 'boolean':
      text = cell.value ? 'TRUE' : 'FALSE';
      break;
    default:
      return ok(undefined);
  }
  if (text.length > maxLength)
    return problem(
      'text.too-long',
      `the text is ${text.length} characters long; at most ${maxLength} are accepted`,
    );
  return ok(text === '' ? undefined : text);
}

const statusByName = new Map<string, Status>(
  STATUSES.map((status) => [status.toLowerCase().replace(/\s+/g, ' '), status]),
);

/** One of the listed statuses; case and spacing do not matter ("  on   TRACK " is On Track). */
export function statusCell(cell: CellValue | undefined): CellResult<Status> {
  if (cell === undefined) return problem('status.required', `choose a status: ${STATUSES.join(', ')}`);
  const bad = unreadable<Status>(cell);
  if (bad) return bad;
  const text = cell.kind === 'text' ? cell.text.trim().replace(/\s+/g, ' ').toLowerCase() : undefined;
  if (text === '') return problem('status.required', `choose a status: ${STATUSES.join(', ')}`);
  const status = text === undefined ? undefined : statusByName.get(text);
  if (status === undefined)
    return problem(
      'status.allowed-values',
      `"${describe(cell)}" is not a status: choose one of ${STATUSES.join(', ')}`,
    );
  return ok(status);
}

const PERCENT_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%?)$/;

/**
 * Percent complete, 0 to 100. 45, "45" and "45%" mean 45; so does 0.45 in a cell formatted as a
 * percentage (that is how a spreadsheet stores 45%). A plain 0.45 means 0.45 percent.
 */
export function percentCell(cell: CellValue | undefined): CellResult<number> {
  if (cell === undefined) return problem('percent.required', 'give the percent complete, 0 to 100');
  const bad = unreadable<number>(cell);
  if (bad) return bad;
  let value: number;
  if (cell.kind === 'number') {
    value = cell.percentFormat ? tidy(cell.value * 100) : cell.value;
  } else if (cell.kind === 'text') {
    const text = cell.text.trim();
    if (text === '') return problem('percent.required', 'give the percent complete, 0 to 100');
    const match = PERCENT_TEXT.exec(text);
    if (!match)
      return problem('percent.not-a-number', `"${text}" is not a percentage: type a number 0 to 100`);
    value = Number(match[1]);
  } else {
    return problem('percent.not-a-number', `"${describe(cell)}" is not a percentage: type a number 0 to 100`);
  }
  if (!Number.isFinite(value)) return problem('number.not-finite', 'the number is too large');
  if (value < 0 || value > 100)
    return problem('percent.range', `${value} is outside 0 to 100: the percent complete is 0 to 100`);
  return ok(value);
}

const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A finite number: a number cell, or text such as "1,250" or "3.5". */
export function numberCell(cell: CellValue | undefined): CellResult<number> {
  if (cell === undefined) return ok(undefined);
  const bad = unreadable<number>(cell);
  if (bad) return bad;
  let value: number;
  if (cell.kind === 'number') value = cell.value;
  else if (cell.kind === 'text') {
    const text = cell.text.trim();
    if (text === '') return ok(undefined);
    if (!NUMBER_TEXT.test(text) || !/\d/.test(text))
      return problem('number.invalid', `"${text}" is not a number`);
    value = Number(text.replace(/,/g, ''));
  } else return problem('number.invalid', `"${describe(cell)}" is not a number`);
  if (!Number.isFinite(value))
    return problem('number.not-finite', 'the number is too large to be a real value');
  return ok(value);
}

/** Days between 1899-12-30 and 1970-01-01: spreadsheet serial dates count from the former. */
const SERIAL_EPOCH_OFFSET = 25_569;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** How far from the reporting period a milestone date may be before it is taken for a typo. */
export const MILESTONE_WINDOW_YEARS = 10;

/** The dates a milestone may fall on for a period, YYYY-MM-DD, both included. */
export function milestoneWindow(period: Period): { earliest: string; latest: string } {
  return {
    earliest: periodBounds(addMonths(period, -12 * MILESTONE_WINDOW_YEARS)).first,
    latest: periodBounds(addMonths(period, 12 * MILESTONE_WINDOW_YEARS)).last,
  };
}

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date;
}

/**
 * A real calendar date within ten years of the reporting period: a date cell, a serial number
 * (a date whose format was lost), or text as YYYY-MM-DD or M/D/YYYY.
 */
export function dateCell(cell: CellValue | undefined, period: Period): CellResult<string> {
  if (cell === undefined) return ok(undefined);
  const bad = unreadable<string>(cell);
  if (bad) return bad;
  let date: Date | undefined;
  if (cell.kind === 'date') date = cell.value;
  else if (cell.kind === 'number') {
    date = Number.isFinite(cell.value) ? new Date((cell.value - SERIAL_EPOCH_OFFSET) * DAY_MS) : undefined;
  } else if (cell.kind === 'text') {
    const text = cell.text.trim();
    if (text === '') return ok(undefined);
    const iso = ISO_DATE.exec(text);
    const us = US_DATE.exec(text);
    if (iso) date = utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    else if (us) date = utcDate(Number(us[3]), Number(us[1]), Number(us[2]));
    if (!date)
      return problem('date.invalid', `"${text}" is not a real date: use YYYY-MM-DD, e.g. ${period}-15`);
  }
  if (date === undefined || Number.isNaN(date.getTime()))
    return problem('date.invalid', `"${describe(cell)}" is not a date: use YYYY-MM-DD, e.g. ${period}-15`);
  const iso = new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const { earliest, latest } = milestoneWindow(period);
  if (iso < earliest || iso > latest)
    return problem(
      'date.range',
      `${iso} is more than ${MILESTONE_WINDOW_YEARS} years from the reporting period ${period}: check the year`,
    );
  return ok(iso);
}

export function emailCell(cell: CellValue | undefined, maxLength: number): CellResult<string> {
  const text = textCell(cell, maxLength);
  if (!text.ok || text.value === undefined) return text;
  if (!isEmailAddress(text.value))
    return problem(
      'contact.invalid-email',
      `"${text.value}" is not an e-mail address such as name@agency.gov`,
    );
  return text;
}

/** A short rendering of a cell for messages. */
function describe(cell: CellValue): string {
  return cell.kind === 'uncalculated-formula' ? '(formula)' : cellText(cell).slice(0, 60);
}
