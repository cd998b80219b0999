import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProductConfig } from '../../../shared/config/product-config';
import { InvalidInputError } from '../../../shared/domain/errors';

const rules = (document: unknown) => {
  try {
    parseProductConfig(document, 'config.json');
  } catch (error) {
    if (error instanceof InvalidInputError)
      return error.problems.map((problem) => `${problem.rule}: ${problem.message}`);
    throw error;
  }
  return [];
};

describe('the product configuration (docs/configuration.md)', () => {
  it('defaults to no grace period for the previous template version and an October fiscal year', () => {
    const config = parseProductConfig({});
    expect(config.submissions).toEqual({});
    expect(config.fiscalYearStartMonth).toBe(10);
  });

  it('takes the last day of the grace period as a real date, and a fiscal year start month 1 to 12', () => {
    expect(
      parseProductConfig({ submissions: { previousTemplateGraceUntil: '2027-01-10' } }).submissions,
    ).toEqual({
      previousTemplateGraceUntil: '2027-01-10',
    });
    expect(rules({ submissions: { previousTemplateGraceUntil: '2027-02-30' } })).toEqual([
      'config.schema: submissions.previousTemplateGraceUntil: not a real date',
    ]);
    expect(rules({ submissions: { previousTemplateGraceUntil: '10/01/2027' } })).toEqual([
      'config.schema: submissions.previousTemplateGraceUntil: a date written YYYY-MM-DD',
    ]);
    expect(rules({ submissions: { graceDays: 30 } })[0]).toMatch(
      /^config\.schema: submissions: Unrecognized key/,
    );
    expect(rules({ fiscalYearStartMonth: 13 })[0]).toMatch(/^config\.schema: fiscalYearStartMonth: /);
  });

  it('accepts the example of docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    const example = /Example:\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(parseProductConfig(JSON.parse(example)).submissions.previousTemplateGraceUntil).toBe('2027-01-10');
  });
});
