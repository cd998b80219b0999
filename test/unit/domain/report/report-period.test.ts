import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../shared/domain/errors';
import { formatFiscalQuarter } from '../../../../shared/domain/fiscal-quarter';
import {
  isQuarterKey,
  isReportPeriod,
  parseReportPeriod,
  reportKindOf,
} from '../../../../shared/domain/report/report-period';
import { reportKey } from '../../../../shared/storage/object-keys';

describe('report periods: a month or a fiscal quarter', () => {
  it('takes YYYY-MM as a monthly report and FY<year>-Q<1-4> as a quarterly review pack', () => {
    expect(reportKindOf(parseReportPeriod('2026-10'))).toBe('monthly');
    expect(reportKindOf(parseReportPeriod(' FY2027-Q1 '))).toBe('quarterly');
    expect(reportKey(parseReportPeriod('FY2027-Q1'), 2, 'review.pdf')).toBe(
      'reports/FY2027-Q1/v0002/review.pdf',
    );
  });

  it('refuses anything else with rule report.period, before it can become part of a key', () => {
    for (const text of [
      'FY2027-Q5',
      'FY27-Q1',
      'fy2027-q1',
      '2026-13',
      'FY2027-Q1/../x',
      '../FY2027-Q1',
      'FY1999-Q4',
    ]) {
      expect(isReportPeriod(text), text).toBe(false);
      expect(() => parseReportPeriod(text, { column: 'PERIOD' }), text).toThrow(InvalidInputError);
      expect(() => reportKey(text as never, 1, 'review.pdf'), text).toThrow('invalid report key parts');
    }
    expect(() => parseReportPeriod('Q1')).toThrow(
      '"Q1" is neither a reporting period (YYYY-MM, e.g. 2026-10) nor a fiscal quarter (FY<year>-Q<1-4>, e.g. FY2027-Q1, its quarterly review pack) [report.period]',
    );
  });

  it('accepts exactly the written form of every quarter the product handles, and sorts them after every month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2001, max: 2100 }),
        fc.integer({ min: 1, max: 4 }),
        (fiscalYear, quarter) => {
          const key = formatFiscalQuarter({ fiscalYear, quarter: quarter as 1 });
          expect(isQuarterKey(key)).toBe(true);
          expect(key > '2100-12').toBe(true);
        },
      ),
    );
  });
});
