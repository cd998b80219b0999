import { InvalidInputError } from './errors';
import { addMonths, comparePeriods, FIRST_PERIOD, LAST_PERIOD, type Period, periodBounds } from './period';

/**
 * Fiscal quarters: how reporting periods (months) group for the quarterly review of 31 U.S.C.
 * §1121(b). A fiscal year starts in a configured month (`fiscalYearStartMonth`, October by default,
 * as for the U.S. federal government) and is named by the calendar year it ends in: FY2027 runs
 * October 2026 – September 2027, and its first quarter, FY2027-Q1, is October–December 2026.
 * With a January start the fiscal year is the calendar year. Pure: no clock, no configuration read.
 */
export interface FiscalQuarter {
  /** The calendar year the fiscal year ends in. */
  readonly fiscalYear: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

/** The U.S. federal fiscal year starts on 1 October. */
export const DEFAULT_FISCAL_YEAR_START_MONTH = 10;

const QUARTER_TEXT = /^FY(\d{4})-Q([1-4])$/;

function checkStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError(`a fiscal year starts in a month 1 to 12, not ${startMonth}`);
}

/** Months since year 0 of a period (2026-10 → 2026 × 12 + 9). */
function monthIndex(period: Period): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return year * 12 + (month - 1);
}

/** The fiscal quarter a period (month) falls in. */
export function fiscalQuarterOf(
  period: Period,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): FiscalQuarter {
  checkStartMonth(startMonth);
  // Months since the start of a fiscal year that began in year 0: the fiscal year and the
  // quarter follow by division, whatever the start month.
  const sinceStart = monthIndex(period) - (startMonth - 1);
  const yearStart = Math.floor(sinceStart / 12);
  const monthOfYear = sinceStart - yearStart * 12;
  return {
    fiscalYear: startMonth === 1 ? yearStart : yearStart + 1,
    quarter: (Math.floor(monthOfYear / 3) + 1) as FiscalQuarter['quarter'],
  };
}

/** The first month of a fiscal quarter. */
function firstPeriodOf(quarter: FiscalQuarter, startMonth: number): Period {
  checkStartMonth(startMonth);
  const yearStart = startMonth === 1 ? quarter.fiscalYear : quarter.fiscalYear - 1;
  const first = `${String(yearStart).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}` as Period;
  return addMonths(first, (quarter.quarter - 1) * 3);
}

/** The three reporting periods of a quarter, oldest first. */
export function quarterPeriods(
  quarter: FiscalQuarter,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): readonly [Period, Period, Period] {
  const first = firstPeriodOf(quarter, startMonth);
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** The quarter's first and last days (YYYY-MM-DD). */
export function quarterBounds(
  quarter: FiscalQuarter,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): { first: string; last: string } {
  const [first, , last] = quarterPeriods(quarter, startMonth);
  return { first: periodBounds(first).first, last: periodBounds(last).last };
}

/** Whether a period is the last month of its quarter: when the quarter's review pack is due. */
export function isQuarterEnd(period: Period, startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH): boolean {
  return quarterPeriods(fiscalQuarterOf(period, startMonth), startMonth)[2] === period;
}

export function previousQuarter(quarter: FiscalQuarter): FiscalQuarter {
  return quarter.quarter === 1
    ? { fiscalYear: quarter.fiscalYear - 1, quarter: 4 }
    : { fiscalYear: quarter.fiscalYear, quarter: (quarter.quarter - 1) as FiscalQuarter['quarter'] };
}

export function nextQuarter(quarter: FiscalQuarter): FiscalQuarter {
  return quarter.quarter === 4
    ? { fiscalYear: quarter.fiscalYear + 1, quarter: 1 }
    : { fiscalYear: quarter.fiscalYear, quarter: (quarter.quarter + 1) as FiscalQuarter['quarter'] };
}

/** Negative when a is before b, 0 when equal. */
export function compareQuarters(a: FiscalQuarter, b: FiscalQuarter): number {
  return a.fiscalYear * 4 + a.quarter - (b.fiscalYear * 4 + b.quarter);
}

/** `FY2027-Q1`. */
export function formatFiscalQuarter(quarter: FiscalQuarter): string {
  return `FY${String(quarter.fiscalYear).padStart(4, '0')}-Q${quarter.quarter}`;
}

/** `FY2027-Q1` → { fiscalYear: 2027, quarter: 1 }; anything else is refused (rule `quarter.format`). */
export function parseFiscalQuarter(
  text: string,
  where: { file?: string; column?: string } = {},
): FiscalQuarter {
  const match = QUARTER_TEXT.exec(text.trim());
  const fiscalYear = Number(match?.[1]);
  // The periods a fiscal year spans must be periods the product accepts (2000-01 to 2100-12).
  if (
    !match ||
    fiscalYear < Number(FIRST_PERIOD.slice(0, 4)) + 1 ||
    fiscalYear > Number(LAST_PERIOD.slice(0, 4))
  )
    throw new InvalidInputError({
      rule: 'quarter.format',
      message: `"${text}" is not a fiscal quarter: use FY<year>-Q<1-4>, e.g. FY2027-Q1 (October–December 2026 when the fiscal year starts in October)`,
      ...where,
    });
  return { fiscalYear, quarter: Number(match[2]) as FiscalQuarter['quarter'] };
}

/** Every quarter from the one holding `from` to the one holding `to`, both included, oldest first. */
export function quartersBetween(
  from: Period,
  to: Period,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): FiscalQuarter[] {
  const quarters: FiscalQuarter[] = [];
  const last = fiscalQuarterOf(to, startMonth);
  for (
    let quarter = fiscalQuarterOf(from, startMonth);
    compareQuarters(quarter, last) <= 0;
    quarter = nextQuarter(quarter)
  )
    quarters.push(quarter);
  return quarters;
}

/**
 * The quarters of a plan so far: from the quarter holding its first day (the catalog's
 * `startDate`, else `fallbackStart` — e.g. the first period with a snapshot) to the quarter holding
 * `through`, but not past the quarter holding its last day (`endDate`). Empty when `through` is
 * before the plan starts.
 */
export function planQuartersSoFar(
  plan: { readonly startDate?: string; readonly endDate?: string },
  through: Period,
  options: { readonly fallbackStart: Period; readonly startMonth?: number },
): FiscalQuarter[] {
  const startMonth = options.startMonth ?? DEFAULT_FISCAL_YEAR_START_MONTH;
  const start = plan.startDate !== undefined ? (plan.startDate.slice(0, 7) as Period) : options.fallbackStart;
  const end = plan.endDate !== undefined ? (plan.endDate.slice(0, 7) as Period) : undefined;
  const last = end !== undefined && comparePeriods(end, through) < 0 ? end : through;
  return comparePeriods(start, last) > 0 ? [] : quartersBetween(start, last, startMonth);
}
