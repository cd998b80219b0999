import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLetter, columnNumber } from '../../../../shared/domain/submission/submitted-workbook';

describe('column letters and numbers', () => {
  it('name columns as a spreadsheet does', () => {
    expect([1, 26, 27, 52, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(['A', 'z', 'AA', 'xfd'].map(columnNumber)).toEqual([1, 26, 27, 16384]);
  });

  it('turn into each other and back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16384 }),
        (column) => columnNumber(columnLetter(column)) === column,
      ),
    );
  });
});
