import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/period';
import {
  dateCell,
  emailCell,
  numberCell,
  percentCell,
  statusCell,
  textCell,
} from '../../../../shared/domain/submission/cell-rules';
import { date, num, text } from '../../../support/submitted-workbooks';

const period = parsePeriod('2026-10');
const value = <T>(result: { ok: boolean; value?: T }) => (result.ok ? result.value : 'problem');
const rule = (result: { ok: boolean; rule?: string; message?: string }) =>
  result.ok ? 'ok' : `${result.rule}: ${result.message}`;

describe('status', () => {
  it('accepts the listed statuses whatever the case and spacing', () => {
    expect(value(statusCell(text('  on   TRACK ')))).toBe('On Track');
    expect(value(statusCell(text('complete')))).toBe('Complete');
    expect(value(statusCell(text('Not Started')))).toBe('Not Started');
  });
  it('refuses anything else, and a blank', () => {
    expect(rule(statusCell(text('Done')))).toBe(
      'status.allowed-values: "Done" is not a status: choose one of Not Started, On Track, At Risk, Off Track, Complete',
    );
    expect(rule(statusCell(num(1)))).toMatch(/^status\.allowed-values: "1" is not a status/);
    expect(rule(statusCell(undefined))).toMatch(/^status\.required: choose a status/);
    expect(rule(statusCell(text('   ')))).toMatch(/^status\.required/);
  });
});

describe('percent complete', () => {
  it('reads 45, "45", "45%" and 0.45 formatted as a percentage as 45', () => {
    expect(value(percentCell(num(45)))).toBe(45);
    expect(value(percentCell(text('45')))).toBe(45);
    expect(value(percentCell(text(' 45 % ')))).toBe(45);
    expect(value(percentCell(num(0.45, true)))).toBe(45);
    expect(value(percentCell(num(0.075, true)))).toBe(7.5);
  });
  it('reads a plain 0.45 as 0.45 percent', () => {
    expect(value(percentCell(num(0.45)))).toBe(0.45);
  });
  it('refuses values outside 0 to 100, text and blanks', () => {
    expect(rule(percentCell(num(150)))).toBe(
      'percent.range: 150 is outside 0 to 100: the percent complete is 0 to 100',
    );
    expect(rule(percentCell(num(-1)))).toMatch(/^percent\.range/);
    expect(rule(percentCell(num(1.5, true)))).toMatch(/^percent\.range: 150 is outside/);
    expect(rule(percentCell(text('half')))).toBe(
      'percent.not-a-number: "half" is not a percentage: type a number 0 to 100',
    );
    expect(rule(percentCell(undefined))).toMatch(/^percent\.required/);
  });
});

describe('numbers', () => {
  it('reads numbers and numeric text, with thousands separators', () => {
    expect(value(numberCell(num(3.5)))).toBe(3.5);
    expect(value(numberCell(text('1,250.5')))).toBe(1250.5);
    expect(value(numberCell(text('-2e3')))).toBe(-2000);
    expect(value(numberCell(undefined))).toBeUndefined();
  });
  it('refuses text that is no number, and numbers that are not finite', () => {
    expect(rule(numberCell(text('about 5')))).toBe('number.invalid: "about 5" is not a number');
    expect(rule(numberCell(text('1e400')))).toBe(
      'number.not-finite: the number is too large to be a real value',
    );
    expect(rule(numberCell({ kind: 'boolean', value: true }))).toBe('number.invalid: "TRUE" is not a number');
  });
});

describe('dates', () => {
  it('reads date cells, serial numbers, YYYY-MM-DD and M/D/YYYY', () => {
    expect(value(dateCell(date('2026-12-15'), period))).toBe('2026-12-15');
    expect(value(dateCell(num(46371), period))).toBe('2026-12-15');
    expect(value(dateCell(text('2027-01-31'), period))).toBe('2027-01-31');
    expect(value(dateCell(text('2/28/2027'), period))).toBe('2027-02-28');
  });
  it('refuses dates that do not exist', () => {
    expect(rule(dateCell(text('2026-02-30'), period))).toBe(
      'date.invalid: "2026-02-30" is not a real date: use YYYY-MM-DD, e.g. 2026-10-15',
    );
    expect(rule(dateCell(text('next week'), period))).toMatch(/^date\.invalid/);
  });
  it('refuses dates more than ten years from the period', () => {
    expect(rule(dateCell(text('2062-10-01'), period))).toBe(
      'date.range: 2062-10-01 is more than 10 years from the reporting period 2026-10: check the year',
    );
    expect(rule(dateCell(num(1), period))).toMatch(/^date\.range: 1899-12-31/);
    expect(value(dateCell(text('2036-10-31'), period))).toBe('2036-10-31');
    expect(rule(dateCell(text('2036-11-01'), period))).toMatch(/^date\.range/);
  });
});

describe('text and e-mail', () => {
  it('trims text, treats blank as absent and caps the length', () => {
    expect(value(textCell(text('  done  '), 10))).toBe('done');
    expect(value(textCell(text('   '), 10))).toBeUndefined();
    expect(rule(textCell(text('x'.repeat(11)), 10))).toBe(
      'text.too-long: the text is 11 characters long; at most 10 are accepted',
    );
  });
  it('accepts one plain address only', () => {
    expect(value(emailCell(text(' a.b@agency.gov '), 100))).toBe('a.b@agency.gov');
    expect(rule(emailCell(text('Ann <a@b.gov>'), 100))).toBe(
      'contact.invalid-email: "Ann <a@b.gov>" is not an e-mail address such as name@agency.gov',
    );
  });
});

describe('values that are not content', () => {
  it('refuses error values and formulas without a saved result in every column', () => {
    const error = { kind: 'error', code: '#DIV/0!' } as const;
    const formula = { kind: 'uncalculated-formula' } as const;
    for (const result of [statusCell(error), percentCell(error), numberCell(error), textCell(error, 10)])
      expect(rule(result)).toBe('cell.error-value: the cell shows the error #DIV/0!: type a value instead');
    for (const result of [statusCell(formula), dateCell(formula, period), emailCell(formula, 10)])
      expect(rule(result)).toMatch(
        /^cell\.formula-without-value: the cell holds a formula with no saved result/,
      );
  });
});
