import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import {
  compareQuarters,
  type FiscalQuarter,
  fiscalQuarterOf,
  formatFiscalQuarter,
  isQuarterEnd,
  nextQuarter,
  parseFiscalQuarter,
  planQuartersSoFar,
  previousQuarter,
  quarterBounds,
  quarterPeriods,
  quartersBetween,
} from '../../../shared/domain/fiscal-quarter';
import { addMonths, type Period, parsePeriod, periodRange } from '../../../shared/domain/period';

const P = parsePeriod;
const period = fc
  .record({ year: fc.integer({ min: 2001, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}` as Period);
const startMonth = fc.integer({ min: 1, max: 12 });
const quarter = fc.record({
  fiscalYear: fc.integer({ min: 2001, max: 2100 }),
  quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
});
const label = (quarters: readonly FiscalQuarter[]) => quarters.map(formatFiscalQuarter);

describe('fiscal quarters', () => {
  it('start in October by default: FY2027 Q1 is October to December 2026', () => {
    expect(fiscalQuarterOf(P('2026-10'))).toEqual({ fiscalYear: 2027, quarter: 1 });
    expect(fiscalQuarterOf(P('2026-12'))).toEqual({ fiscalYear: 2027, quarter: 1 });
    expect(fiscalQuarterOf(P('2027-01'))).toEqual({ fiscalYear: 2027, quarter: 2 });
    expect(fiscalQuarterOf(P('2027-09'))).toEqual({ fiscalYear: 2027, quarter: 4 });
    expect(fiscalQuarterOf(P('2026-09'))).toEqual({ fiscalYear: 2026, quarter: 4 });
    expect(quarterPeriods({ fiscalYear: 2027, quarter: 1 })).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterBounds({ fiscalYear: 2027, quarter: 2 })).toEqual({
      first: '2027-01-01',
      last: '2027-03-31',
    });
    expect(isQuarterEnd(P('2026-12'))).toBe(true);
    expect(isQuarterEnd(P('2026-11'))).toBe(false);
  });

  it('follow the configured start month: January makes the fiscal year the calendar year, July the one ending in June', () => {
    expect(fiscalQuarterOf(P('2026-01'), 1)).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf(P('2026-12'), 1)).toEqual({ fiscalYear: 2026, quarter: 4 });
    expect(fiscalQuarterOf(P('2026-07'), 7)).toEqual({ fiscalYear: 2027, quarter: 1 });
    expect(quarterPeriods({ fiscalYear: 2027, quarter: 4 }, 7)).toEqual(['2027-04', '2027-05', '2027-06']);
    expect(() => fiscalQuarterOf(P('2026-01'), 13)).toThrow(RangeError);
  });

  it('are written FY<year>-Q<n>, and anything else is refused naming the rule', () => {
    expect(formatFiscalQuarter({ fiscalYear: 2027, quarter: 1 })).toBe('FY2027-Q1');
    expect(parseFiscalQuarter(' FY2027-Q3 ')).toEqual({ fiscalYear: 2027, quarter: 3 });
    for (const bad of ['FY2027-Q5', '2027-Q1', 'FY27-Q1', 'fy2027-q1', 'FY1999-Q1', 'FY2101-Q1', ''])
      expect(() => parseFiscalQuarter(bad), bad).toThrow(InvalidInputError);
    expect(() => parseFiscalQuarter('Q1 2027')).toThrow(
      /"Q1 2027" is not a fiscal quarter: use FY<year>-Q<1-4>.*\[quarter\.format\]/,
    );
  });

  it('hold every period in the quarter they name, as one of its three months (property)', () => {
    fc.assert(
      fc.property(period, startMonth, (month, start) => {
        const periods = quarterPeriods(fiscalQuarterOf(month, start), start);
        expect(periods).toContain(month);
        expect(periods).toEqual([periods[0], addMonths(periods[0], 1), addMonths(periods[0], 2)]);
        expect(isQuarterEnd(month, start)).toBe(periods[2] === month);
      }),
    );
  });

  it('give each run of twelve months from the start month one fiscal year, three months a quarter (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2098 }), startMonth, (year, start) => {
        const first = `${year}-${String(start).padStart(2, '0')}` as Period;
        const quarters = periodRange(first, addMonths(first, 11)).map((month) =>
          fiscalQuarterOf(month, start),
        );
        expect(new Set(quarters.map((entry) => entry.fiscalYear)).size).toBe(1);
        expect(quarters.map((entry) => entry.quarter)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        // Named by the calendar year the fiscal year ends in.
        expect(quarters[0]?.fiscalYear).toBe(Number(addMonths(first, 11).slice(0, 4)));
      }),
    );
  });

  it('parse what they format, and step back and forth by one quarter (property)', () => {
    fc.assert(
      fc.property(quarter, startMonth, (any, start) => {
        expect(parseFiscalQuarter(formatFiscalQuarter(any))).toEqual(any);
        expect(previousQuarter(nextQuarter(any))).toEqual(any);
        expect(compareQuarters(previousQuarter(any), any)).toBe(-1);
        // The previous quarter's last month is the month before this quarter's first.
        expect(quarterPeriods(previousQuarter(any), start)[2]).toBe(
          addMonths(quarterPeriods(any, start)[0], -1),
        );
      }),
    );
  });

  it('between two periods cover every month once, in order (property)', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 0, max: 60 }), startMonth, (from, length, start) => {
        const to = addMonths(from, length);
        const quarters = quartersBetween(from, to, start);
        const months = quarters.flatMap((entry) => quarterPeriods(entry, start));
        const inside = months.filter((month) => month >= from && month <= to);
        expect(inside).toEqual(periodRange(from, to));
        expect(
          quarters.every(
            (entry, index) =>
              index === 0 || compareQuarters(quarters[index - 1] as FiscalQuarter, entry) === -1,
          ),
        ).toBe(true);
      }),
    );
  });

  it("of a plan so far run from its start date's quarter to now, never past its end", () => {
    const plan = { startDate: '2023-10-01', endDate: '2028-09-30' };
    const soFar = planQuartersSoFar(plan, P('2026-11'), { fallbackStart: P('2025-01') });
    expect(soFar).toHaveLength(13);
    expect(label(soFar).slice(0, 2)).toEqual(['FY2024-Q1', 'FY2024-Q2']);
    expect(label(soFar).at(-1)).toBe('FY2027-Q1');
    expect(label(planQuartersSoFar(plan, P('2030-03'), { fallbackStart: P('2025-01') })).at(-1)).toBe(
      'FY2028-Q4',
    );
    expect(planQuartersSoFar(plan, P('2023-09'), { fallbackStart: P('2025-01') })).toEqual([]);
    // A catalog without a start date (the CBP one): from the first period with data.
    expect(
      label(planQuartersSoFar({ endDate: '2028-09-30' }, P('2026-11'), { fallbackStart: P('2025-11') })),
    ).toEqual(['FY2026-Q1', 'FY2026-Q2', 'FY2026-Q3', 'FY2026-Q4', 'FY2027-Q1']);
    expect(
      label(planQuartersSoFar(plan, P('2026-11'), { fallbackStart: P('2025-01'), startMonth: 1 })).at(0),
    ).toBe('FY2023-Q4');
  });
});
