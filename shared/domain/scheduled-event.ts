import { z } from 'zod';
import { InvalidInputError } from './errors';
import { type Period, parsePeriod, previousCalendarMonth } from './period';

/**
 * The one input every scheduled function (rollup, render, notify, remind) accepts, from
 * EventBridge Scheduler or the month-end workflow: `{}` or `{ "period": "YYYY-MM" }`. Strict: any
 * other field is refused, so a flag meant for the command line (`force`, `now`) cannot reach a
 * deployed function. Each function answers with `period`, which the workflow passes on.
 */
export const scheduledEventSchema = z.object({ period: z.string().optional() }).strict();

/** A parsed scheduled event: the period asked for, if any. */
export interface ScheduledRequest {
  readonly period?: Period;
}

const CONTRACT = 'the event must be {} or {"period": "YYYY-MM"}';

/** Parses a scheduled function's event; a missing or null event is `{}`. */
export function parseScheduledEvent(event: unknown, functionName: string): ScheduledRequest {
  const file = `${functionName} event`;
  const parsed = scheduledEventSchema.safeParse(event ?? {});
  if (!parsed.success)
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        rule: 'event.schema',
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: ${CONTRACT}`
            : `${issue.path.length > 0 ? z.core.toDotPath(issue.path) : '(event)'}: ${issue.message}; ${CONTRACT}`,
        file,
      })),
    );
  const { period } = parsed.data;
  return period === undefined ? {} : { period: parsePeriod(period, { file, column: 'period' }) };
}

/**
 * The period a run is about: the one asked for, else the last complete calendar month in the
 * configured time zone (the month whose submissions are due this month).
 */
export function periodToRun(request: ScheduledRequest, now: Date, timeZone: string): Period {
  return request.period ?? previousCalendarMonth(now, timeZone);
}
