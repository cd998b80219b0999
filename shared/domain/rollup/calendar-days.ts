/** Days from ISO date `from` to ISO date `to` (negative when `to` is earlier). Pure: no clock. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An average calendar month, for turning day spans into the months paces are measured in. */
export const DAYS_PER_MONTH = 365.25 / 12;
