import { z } from 'zod';
import { InvalidInputError } from './errors';
import { isQuarterKey, type QuarterKey } from './report/report-period';
import { parseScheduledEvent, type ScheduledRequest } from './scheduled-event';

/**
 * What the notify function is asked by the month-end workflow: a month's brief (`{}` or
 * `{"period": "YYYY-MM"}`, as every scheduled function) or, after a quarter's last month, the
 * quarter's review pack (`{"quarter": "FY2027-Q1"}`). Strict, like the scheduled event.
 */
export type NotifyRequest =
  | { readonly kind: 'brief'; readonly request: ScheduledRequest }
  | { readonly kind: 'review-pack'; readonly quarter: QuarterKey };

const quarterEventSchema = z.object({ quarter: z.string() }).strict();

export function parseNotifyEvent(event: unknown): NotifyRequest {
  const asQuarter = quarterEventSchema.safeParse(event);
  if (!asQuarter.success) return { kind: 'brief', request: parseScheduledEvent(event, 'notify') };
  const { quarter } = asQuarter.data;
  if (!isQuarterKey(quarter))
    throw new InvalidInputError({
      rule: 'quarter.format',
      message: `"${quarter}" is not a fiscal quarter: use FY<year>-Q<1-4>, e.g. FY2027-Q1`,
      file: 'notify event',
      column: 'quarter',
    });
  return { kind: 'review-pack', quarter };
}
