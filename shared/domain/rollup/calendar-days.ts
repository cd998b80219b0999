/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD), by arithmetic (the days-from-civil
 * algorithm) rather than Date parsing: the rollup dates every at-risk entry, and a million
 * Date.parse calls cost more than the rest of the pass.
 */
export function dayNumber(iso: string): number {
  const digit = (index: number) => iso.charCodeAt(index) - 48;
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days from ISO date `from` to ISO date `to` (negative when `to` is earlier). Pure: no clock. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** An average calendar month, for turning day spans into the months paces are measured in. */
export const DAYS_PER_MONTH = 365.25 / 12;
