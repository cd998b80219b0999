import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween } from '../../../../shared/domain/rollup/calendar-days';
import { monthIndex } from '../../../../shared/domain/rollup/month-index';
import { rankOrder } from '../../../../shared/domain/rollup/rank-order';

describe('the rollup’s arithmetic helpers', () => {
  it('dayNumber agrees with Date for every date from 1970 to 2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 84_000 }), (days) => {
        const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
        expect(dayNumber(iso)).toBe(days);
      }),
    );
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-10-01')).toBe(-30);
  });

  it('monthIndex counts months across years', () => {
    expect(monthIndex('2026-01') - monthIndex('2025-12')).toBe(1);
    expect(monthIndex('2026-10') - monthIndex('2024-10')).toBe(24);
  });

  it('rankOrder sorts by score, highest first, ties in index order — also beyond the packed range', () => {
    expect(rankOrder([5, 9, 5, 0, 9])).toEqual([1, 4, 0, 2, 3]);
    expect(rankOrder([])).toEqual([]);
    const huge = [Number.MAX_SAFE_INTEGER - 1, 3, Number.MAX_SAFE_INTEGER - 1];
    expect(rankOrder(huge)).toEqual([0, 2, 1]);
    // Beyond the counting range, packed into floats; fractions and negatives, compared.
    expect(rankOrder([2 ** 21, 7, 2 ** 21, 2 ** 30])).toEqual([3, 0, 2, 1]);
    expect(rankOrder([0.5, -1, 0.5, 2])).toEqual([3, 0, 2, 1]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 70_000 })), (scores) => {
        const expected = scores
          .map((score, index) => ({ score, index }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .map((entry) => entry.index);
        expect(rankOrder(scores)).toEqual(expected);
      }),
    );
  });
});
