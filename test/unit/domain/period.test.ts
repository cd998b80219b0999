import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import {
  addMonths,
  comparePeriods,
  parsePeriod,
  periodBounds,
  periodRange,
  previousCalendarMonth,
  previousPeriod,
} from '../../../shared/domain/period';

describe('periods', () => {
  it('accepts YYYY-MM and refuses anything else with the rule named', () => {
    expect(parsePeriod('2026-10')).toBe('2026-10');
    for (const bad of ['2026-13', '2026-1', '26-10', '2026-10-01', '1999-12', 'x']) {
      expect(() => parsePeriod(bad)).toThrow(InvalidInputError);
      expect(() => parsePeriod(bad)).toThrow(/\[period\.format\]/);
    }
  });

  it('steps across year ends', () => {
    expect(previousPeriod(parsePeriod('2026-01'))).toBe('2025-12');
    expect(addMonths(parsePeriod('2025-11'), 14)).toBe('2027-01');
    expect(periodRange(parsePeriod('2025-11'), parsePeriod('2026-02'))).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodBounds(parsePeriod('2024-02'))).toEqual({ first: '2024-02-01', last: '2024-02-29' });
  });

  it('adding then subtracting months returns the same period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -100, max: 100 }),
        (year, month, delta) => {
          const period = parsePeriod(`${year}-${String(month).padStart(2, '0')}`);
          const moved = addMonths(period, delta);
          expect(addMonths(moved, -delta)).toBe(period);
          expect(Math.sign(comparePeriods(moved, period))).toBe(Math.sign(delta));
        },
      ),
    );
  });

  it('takes the previous calendar month in the configured time zone', () => {
    // 03:00 UTC on 1 November is still 31 October in New York: the month before is September.
    const instant = new Date('2026-11-01T03:00:00Z');
    expect(previousCalendarMonth(instant, 'America/New_York')).toBe('2026-09');
    expect(previousCalendarMonth(instant, 'UTC')).toBe('2026-10');
    expect(previousCalendarMonth(new Date('2027-01-15T12:00:00Z'), 'America/New_York')).toBe('2026-12');
  });
});
