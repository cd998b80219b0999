/**
 * Months since January of year 0 of a YYYY-MM period (or the YYYY-MM start of an ISO date), by
 * arithmetic on character codes: the rollup compares periods once per unreported entry and per
 * level, and splitting strings there costs more than the comparison is worth.
 */
export function monthIndex(period: string): number {
  const digit = (index: number) => period.charCodeAt(index) - 48;
  return (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + digit(5) * 10 + digit(6) - 1;
}
