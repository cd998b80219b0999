import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError } from '../../../shared/domain/errors';
import { scheduledPeriod } from '../../../shared/domain/scheduled-event';

const now = new Date('2026-11-01T02:00:00Z');

describe('the scheduled event of the monthly functions', () => {
  it('defaults to the previous calendar month in the configured time zone', () => {
    // 2026-11-01T02:00Z is still 31 October in New York: the previous month there is September.
    expect(scheduledPeriod({}, { now, timeZone: 'America/New_York', function: 'render' })).toEqual({
      period: '2026-09',
    });
    expect(scheduledPeriod({}, { now, timeZone: 'UTC', function: 'render' })).toEqual({ period: '2026-10' });
    expect(scheduledPeriod(undefined, { now, timeZone: 'UTC', function: 'render' })).toEqual({
      period: '2026-10',
    });
  });

  it('takes a period and the flags a function allows', () => {
    expect(
      scheduledPeriod(
        { period: '2025-03', force: true },
        {
          now,
          timeZone: 'UTC',
          extra: { force: z.boolean().optional() },
          function: 'render',
        },
      ),
    ).toEqual({ period: '2025-03', force: true });
  });

  it('refuses a bad period and unknown fields with the rule and the function named', () => {
    expect(() =>
      scheduledPeriod({ period: '2026-13' }, { now, timeZone: 'UTC', function: 'notify' }),
    ).toThrow(/notify event, column period: "2026-13" is not a reporting period.*\[period\.format\]/);
    const error = (() => {
      try {
        scheduledPeriod({ period: '2026-10', force: true }, { now, timeZone: 'UTC', function: 'notify' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems[0]).toMatchObject({
      rule: 'event.schema',
      file: 'notify event',
    });
  });
});
