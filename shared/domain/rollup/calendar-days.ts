const digitAt = (text: string, index: number) => text.charCodeAt(index) - 48;

/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD), by arithmetic (the days-from-civil
 * algorithm) rather than Date parsing: the rollup dates every at-risk entry, and a million
 * Date.parse calls cost more than the rest of the pass. (No closure per call, for the same reason.)
 */
export function dayNumber(iso: string): number {
  const month = digitAt(iso, 5) * 10 + digitAt(iso, 6);
  const day = digitAt(iso, 8) * 10 + digitAt(iso, 9);
  const year =
    digitAt(iso, 0) * 1000 +
    digitAt(iso, 1) * 100 +
    digitAt(iso, 2) * 10 +
    digitAt(iso, 3) -
    (month <= 2 ? 1 : 0);
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
