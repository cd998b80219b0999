import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../shared/domain/errors';
import { resolveWeights, weightedMean } from '../../../../shared/domain/rollup/weights';
import { rollup, row, smallCatalog, submission } from '../../../support/rollup-fixtures';

describe('weights', () => {
  it('default to 1 everywhere', () => {
    const weights = resolveWeights(smallCatalog);
    expect([weights.goal('1'), weights.objective('2.1'), weights.keyActivity('1.1.1')]).toEqual([1, 1, 1]);
    expect(weights.overrides).toEqual({ goals: {}, objectives: {}, keyActivities: {} });
  });

  it('refuse unknown ids and weights that are not positive, naming each [rollup.weights]', () => {
    const attempt = () =>
      resolveWeights(smallCatalog, {
        goals: { '9': 2 },
        objectives: { '1.1': 0 },
        keyActivities: { '1.1.1': Number.NaN, '1.1.2': 3 },
      });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).problems.map((problem) => problem.message)).toEqual([
        'weights name unknown goal 9',
        'the weight of objective 1.1 must be a positive number, not 0',
        'the weight of key activity 1.1.1 must be a positive number, not NaN',
      ]);
      expect(
        (error as InvalidInputError).problems.every((problem) => problem.rule === 'rollup.weights'),
      ).toBe(true);
    }
  });

  it('weightedMean leaves parts without a value out instead of counting them as 0', () => {
    expect(
      weightedMean([
        { value: 10, weight: 1 },
        { value: null, weight: 5 },
        { value: 40, weight: 2 },
      ]),
    ).toBe(30);
    expect(weightedMean([{ value: null, weight: 1 }])).toBeNull();
  });

  it('weigh key activities within an objective, objectives within a goal, goals for the agency', () => {
    const rows = [
      submission('OFA', '2026-10', [
        row('1.1.1', { percentComplete: 20 }),
        row('1.1.2', { percentComplete: 80 }),
        row('2.1.1', { percentComplete: 60 }),
        row('2.2.1', { percentComplete: 0 }),
      ]),
      submission('OFB', '2026-10', [
        row('1.1.1', { percentComplete: 40 }),
        row('1.2.1', { percentComplete: 10 }),
      ]),
    ];
    const equal = rollup('2026-10', rows);
    // 1.1.1 = mean(20, 40) = 30; 1.1 = mean(30, 80) = 55; 1.2 = 10; goal 1 = mean(55, 10) = 32.5
    // 2.1 = 60 (2.1.2 has no data); 2.2 = 0; goal 2 = 30; agency = mean(32.5, 30) = 31.25
    expect(equal.objectives.map((objective) => objective.percentComplete)).toEqual([55, 10, 60, 0]);
    expect(equal.goals.map((goal) => goal.percentComplete)).toEqual([32.5, 30]);
    expect(equal.agency.percentComplete).toBe(31.25);
    expect(equal.missionAreas.map((area) => area.percentComplete)).toEqual([60, 0]);

    const weighted = rollup('2026-10', rows, {
      options: { weights: { keyActivities: { '1.1.2': 3 }, objectives: { '1.2': 2 }, goals: { '2': 3 } } },
    });
    // 1.1 = (30 + 3·80) / 4 = 67.5; goal 1 = (67.5 + 2·10) / 3 = 29.1666…; agency = (29.1666… + 3·30) / 4
    expect(weighted.objectives[0]?.percentComplete).toBe(67.5);
    expect(weighted.goals[0]?.percentComplete).toBe(29.17);
    expect(weighted.agency.percentComplete).toBe(29.79);
    expect(weighted.rules?.weights).toEqual({
      goals: { '2': 3 },
      objectives: { '1.2': 2 },
      keyActivities: { '1.1.2': 3 },
    });
    expect(weighted.inputHash).not.toBe(equal.inputHash);
  });
});
