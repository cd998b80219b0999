import { describe, expect, it } from 'vitest';
import { formatProblem, InvalidInputError } from '../../../shared/domain/errors';

describe('formatProblem', () => {
  it('names file, sheet, row and column before the message and the rule', () => {
    expect(
      formatProblem({
        rule: 'status.allowed-values',
        message: 'bad status',
        file: 'ofo.xlsx',
        sheet: 'Progress',
        row: 7,
        column: 'Status',
      }),
    ).toBe('ofo.xlsx, sheet Progress, row 7, column Status: bad status [status.allowed-values]');
  });

  it('names a command-line flag as an option, not a column', () => {
    expect(formatProblem({ rule: 'url.expires', message: 'too long', column: '--expires' })).toBe(
      'option --expires: too long [url.expires]',
    );
  });

  it('joins several problems into one message and keeps each', () => {
    const error = new InvalidInputError([
      { rule: 'a', message: 'one' },
      { rule: 'b', message: 'two', row: 3 },
    ]);
    expect(error.message).toBe('2 problems: one [a]; row 3: two [b]');
    expect(error.problems).toHaveLength(2);
  });
});
