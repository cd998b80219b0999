const digitAt = (text: string, index: number) => text.charCodeAt(index) - 48;

/**
 * Months since January of year 0 of a YYYY-MM period (or the YYYY-MM start of an ISO date), by
 * arithmetic on character codes: the rollup compares periods once per carried entry and per
 * level, and splitting strings there costs more than the comparison is worth. (The digit helper
 * is a module function, not a closure: a closure would be made again on every call.)
 */
export function monthIndex(period: string): number {
  const year =
    digitAt(period, 0) * 1000 + digitAt(period, 1) * 100 + digitAt(period, 2) * 10 + digitAt(period, 3);
  return year * 12 + digitAt(period, 5) * 10 + digitAt(period, 6) - 1;
}
