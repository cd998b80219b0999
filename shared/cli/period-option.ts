import { parsePeriod } from '../domain/period';
import type { ScheduledRequest } from '../domain/scheduled-event';

/** The help of `--period` on the commands that default to the schedule's month. */
export const PERIOD_OPTION_HELP =
  'the reporting period (default: the previous calendar month in the configured time zone)';

/**
 * A `--period` flag as the scheduled functions' request: `{}` (last month in the configured time
 * zone) or `{ period }`, checked here so an error names the option.
 */
export function periodInput(value: string | undefined): ScheduledRequest {
  return value === undefined ? {} : { period: parsePeriod(value, { column: '--period' }) };
}
