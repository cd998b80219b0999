import { InvalidInputError } from '../errors';
import { type FiscalQuarter, formatFiscalQuarter, parseFiscalQuarter } from '../fiscal-quarter';
import { isPeriod, type Period } from '../period';

/**
 * What a report version is of: a month (`2026-10`, the monthly report) or a fiscal quarter
 * (`FY2027-Q1`, the quarterly review pack). Both kinds are versions in the one manifest chain,
 * indexed and stored under this key (`reports/<key>/v<NNNN>/…`, `REPORT#<key>`). Written forms
 * sort months before quarters, chronologically within each kind.
 */
export type QuarterKey = string & { readonly __brand: 'QuarterKey' };
export type ReportPeriod = Period | QuarterKey;

export type ReportKind = 'monthly' | 'quarterly';

const QUARTER_KEY = /^FY\d{4}-Q[1-4]$/;

/** Whether `value` is exactly a fiscal quarter's written form that `parseFiscalQuarter` accepts. */
export function isQuarterKey(value: string): value is QuarterKey {
  if (!QUARTER_KEY.test(value)) return false;
  try {
    return formatFiscalQuarter(parseFiscalQuarter(value)) === value;
  } catch {
    return false;
  }
}

export function quarterKeyOf(quarter: FiscalQuarter): QuarterKey {
  return formatFiscalQuarter(quarter) as QuarterKey;
}

export function isReportPeriod(value: string): value is ReportPeriod {
  return isPeriod(value) || isQuarterKey(value);
}

export function reportKindOf(period: ReportPeriod): ReportKind {
  return isQuarterKey(period) ? 'quarterly' : 'monthly';
}

/** The lowest and highest keys: every month, then every quarter (a listing of the whole chain). */
export const FIRST_REPORT_PERIOD = '2000-01' as Period;
export const LAST_REPORT_PERIOD = 'FY2100-Q4' as QuarterKey;

/**
 * A report named on the command line: a month `YYYY-MM` or a quarter `FY<year>-Q<1-4>`; anything
 * else is refused with rule `report.period`, before it can become part of a key.
 */
export function parseReportPeriod(
  text: string,
  where: { file?: string; column?: string } = {},
): ReportPeriod {
  const value = text.trim();
  if (isReportPeriod(value)) return value;
  throw new InvalidInputError({
    rule: 'report.period',
    message: `"${text}" is neither a reporting period (YYYY-MM, e.g. 2026-10) nor a fiscal quarter (FY<year>-Q<1-4>, e.g. FY2027-Q1, its quarterly review pack)`,
    ...where,
  });
}
