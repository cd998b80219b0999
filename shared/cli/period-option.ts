import { type Period, parsePeriod } from '../domain/period';

/** The help of `--period` on the commands that default to the schedule's month. */
export const PERIOD_OPTION_HELP =
  'the reporting period (default: the previous calendar month in the configured time zone)';

/**
 * The scheduled functions' input for a `--period` flag: `{}` (the handler takes last month in
 * the configured time zone) or `{ period }`, checked here so an error names the option.
 */
export function periodInput(value: string | undefined): { period?: Period } {
  return value === undefined ? {} : { period: parsePeriod(value, { column: '--period' }) };
}
