import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, NotFoundError } from '../../../shared/domain/errors';
import { parseFiscalQuarter } from '../../../shared/domain/fiscal-quarter';
import type { Period } from '../../../shared/domain/period';
import {
  type QuarterlyReviewInputs,
  quarterlyReviewInputsSchema,
} from '../../../shared/domain/review/quarterly-review-inputs';
import { gatherQuarterlyReviewInputs } from '../../../shared/use-cases/quarterly-review-inputs';
import type { InMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { SCENARIO_MONTHS, SCENARIO_QUARTER, scenarioInputs } from '../../support/quarterly-review-scenario';

/** Gathering a quarter's review inputs through the in-memory ports (test/support/quarterly-review-scenario.ts). */
let deps: InMemoryDependencies;
let inputs: QuarterlyReviewInputs;

beforeAll(async () => {
  ({ deps, inputs } = await scenarioInputs());
}, 60_000);

describe('gathering a quarter’s inputs', () => {
  it('holds the quarter, its three months’ snapshots, the plan so far and the attempts, as plain JSON', () => {
    expect(inputs.quarter).toMatchObject({
      label: 'FY2027-Q1',
      periods: ['2026-10', '2026-11', '2026-12'],
      first: '2026-10-01',
      last: '2026-12-31',
    });
    expect(inputs.nextQuarter.label).toBe('FY2027-Q2');
    expect(inputs.months.map((month) => [month.period, month.deadline, month.snapshot?.version])).toEqual([
      ['2026-10', '2026-11-10', 1],
      ['2026-11', '2026-12-10', 1],
      ['2026-12', '2027-01-10', 1],
    ]);
    expect(inputs.history.map((month) => month.period)).toEqual([...SCENARIO_MONTHS]);
    expect(inputs.attempts.filter((attempt) => attempt.outcome === 'rejected')).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(inputs))).toEqual(inputs);
    expect(quarterlyReviewInputsSchema.parse(inputs)).toEqual(inputs);
  });

  it('refuses a quarter with no snapshot, naming it and the command to run', async () => {
    await expect(
      gatherQuarterlyReviewInputs(deps, parseFiscalQuarter('FY2027-Q3'), deps.config),
    ).rejects.toThrow(NotFoundError);
    await expect(
      gatherQuarterlyReviewInputs(inMemoryDependencies(), parseFiscalQuarter('FY2027-Q1'), deps.config),
    ).rejects.toThrow(/no rollup snapshot for any month of FY2027-Q1 \(2026-10, 2026-11, 2026-12\)/);
  });
});

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of deps.reportObjects.list('')) keys.push(object.key);
  return keys;
}

describe('gathering reads only checked snapshots', () => {
  it('refuses a snapshot of the plan so far whose bytes were altered, and writes nothing', async () => {
    const record = await deps.snapshotIndex.latest('2026-08' as Period);
    if (!record) throw new Error('no August snapshot');
    const original = await deps.reportObjects.get(record.key);
    const before = await storedKeys();
    await deps.reportObjects.put(
      record.key,
      Buffer.from(original.toString('utf8').replace('"2026-08"', '"2026-09"')),
    );
    try {
      await expect(gatherQuarterlyReviewInputs(deps, SCENARIO_QUARTER, deps.config)).rejects.toBeInstanceOf(
        IntegrityError,
      );
      expect(await storedKeys()).toEqual(before);
    } finally {
      await deps.reportObjects.put(record.key, original);
    }
    expect(inputs.history.map((month) => month.period)).toEqual([...SCENARIO_MONTHS]);
  });
});
