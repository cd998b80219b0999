import { describe, expect, it } from 'vitest';
import { WorkBudgetExceeded, workBudget } from '../../../../shared/domain/submission/work-budget';

describe('the time budget of one upload', () => {
  it('lets work go on until the clock passes the deadline, then stops it with the budget named', () => {
    let now = 10_000;
    const budget = workBudget(15, () => now);
    now += 15_000;
    expect(() => budget.check()).not.toThrow();
    now += 1;
    expect(() => budget.check()).toThrow(WorkBudgetExceeded);
    expect(() => budget.check()).toThrow('the work on the upload took longer than 15 s');
  });

  it('starts when it is made, not when it is first checked', () => {
    let now = 0;
    const budget = workBudget(1, () => now);
    now = 5_000;
    expect(() => budget.check()).toThrow(WorkBudgetExceeded);
  });
});
