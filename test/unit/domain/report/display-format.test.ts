import { describe, expect, it } from 'vitest';
import {
  formatLongDate,
  formatOfficesReported,
  formatPercent,
  formatPeriodLong,
  formatPointChange,
  formatRatio,
} from '../../../../shared/domain/report/display-format';

describe('report number and date formats', () => {
  it('writes percentages with one decimal and says "no data" for none', () => {
    expect(formatPercent(42.857)).toBe('42.9%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('no data');
    expect(formatRatio(0.8512)).toBe('85.1%');
    expect(formatRatio(null)).toBe('no data');
  });

  it('writes point changes with a sign, and a change that rounds to nothing as 0.0', () => {
    expect(formatPointChange(3.25)).toBe('+3.3 pts');
    expect(formatPointChange(-2)).toBe('-2.0 pts');
    expect(formatPointChange(-0.04)).toBe('0.0 pts');
    expect(formatPointChange(null)).toBe('n/a');
  });

  it('names periods and dates in words', () => {
    expect(formatPeriodLong('2026-10')).toBe('October 2026');
    expect(formatLongDate('2026-11-05T12:00:00.000Z')).toBe('5 November 2026');
    expect(formatOfficesReported(5, 6)).toBe('5 of 6 offices reported');
  });
});
