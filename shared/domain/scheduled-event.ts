import { z } from 'zod';
import { InvalidInputError } from './errors';
import { type Period, parsePeriod, previousCalendarMonth } from './period';

/**
 * The input EventBridge Scheduler gives the monthly functions: `{}` or `{ "period": "YYYY-MM" }`
 * (the CLI may add its own flags, listed in `extra`). Without a period a run is about the last
 * complete calendar month in the configured time zone.
 */
export function scheduledPeriod<Extra extends z.ZodRawShape>(
  event: unknown,
  options: { now: Date; timeZone: string; extra?: Extra; function: string },
): { period: Period } & z.infer<z.ZodObject<Extra>> {
  const schema = z.object({ period: z.string().optional(), ...(options.extra ?? {}) }).strict();
  const parsed = schema.safeParse(event ?? {});
  if (!parsed.success)
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        rule: 'event.schema',
        message: `${issue.path.length > 0 ? z.core.toDotPath(issue.path) : '(event)'}: ${issue.message}`,
        file: `${options.function} event`,
      })),
    );
  const { period, ...rest } = parsed.data as { period?: string } & Record<string, unknown>;
  return {
    ...(rest as z.infer<z.ZodObject<Extra>>),
    period:
      period === undefined
        ? previousCalendarMonth(options.now, options.timeZone)
        : parsePeriod(period, { file: `${options.function} event`, column: 'period' }),
  };
}
