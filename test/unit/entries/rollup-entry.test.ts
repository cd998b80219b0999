import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { createRollupHandler, rollupOptionsOf, runRollup } from '../../../shared/entries/rollup-entry';
import { loadSnapshot } from '../../../shared/use-cases/snapshot-storage';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision } from '../../support/fixtures';
import { row, smallCatalog } from '../../support/rollup-fixtures';

/** One office of the small plan has reported October; the clock is early on 1 November (UTC). */
async function withOctober(config: unknown = {}) {
  const deps = inMemoryDependencies({ catalog: smallCatalog, config, now: '2026-11-01T03:30:00Z' });
  await deps.progress.commitRevision(
    newRevision({ office: 'OFA', period: parsePeriod('2026-10'), rowCount: 2 }),
    [row('1.1.1', { percentComplete: 40 }), row('1.1.2', { percentComplete: 80 })],
    deps.clock.now(),
  );
  return deps;
}

describe('the rollup entry', () => {
  it('takes the previous calendar month in the configured time zone when the event has no period', async () => {
    // 03:30 UTC on 1 November: still October in New York, already November in UTC.
    const newYork = await withOctober();
    expect((await createRollupHandler(newYork)({})).period).toBe('2026-09');
    expect((await createRollupHandler(newYork)(null)).period).toBe('2026-09');
    const utc = await withOctober({ timeZone: 'UTC' });
    const result = await createRollupHandler(utc)(undefined);
    expect(result).toMatchObject({ period: '2026-10', outcome: 'stored', record: { version: 1 } });
  });

  it('stores a snapshot once: the same inputs again are unchanged, with the same record', async () => {
    const deps = await withOctober();
    const first = await createRollupHandler(deps)({ period: '2026-10' });
    const again = await createRollupHandler(deps)({ period: '2026-10' });
    expect(first).toMatchObject({ period: '2026-10', outcome: 'stored', record: { version: 1 } });
    expect(again).toEqual({ ...first, outcome: 'unchanged' });
    expect(deps.reportObjects.keys()).toEqual([`snapshots/2026-10/${first.record.inputHash}.json`]);
  });

  it('passes the configured carry-forward limit and weights to the rollup', async () => {
    const config = { rollup: { carryForwardMonths: 1, weights: { keyActivities: { '1.1.2': 3 } } } };
    const deps = await withOctober(config);
    expect(rollupOptionsOf(deps.config)).toEqual({
      carryForwardMaxAgeMonths: 1,
      weights: { keyActivities: { '1.1.2': 3 } },
    });
    expect(rollupOptionsOf(inMemoryDependencies().config)).toEqual({});
    const { record } = await runRollup(deps, { period: parsePeriod('2026-10') });
    const snapshot = await loadSnapshot(deps.reportObjects, record);
    // 1.1 = (40 + 3 × 80) / 4 = 70
    expect(snapshot.objectives[0]?.percentComplete).toBe(70);
    expect(snapshot.rules).toMatchObject({ carryForwardMaxAgeMonths: 1 });
  });

  it('refuses a malformed event, a bad period or a command-line flag, storing nothing', async () => {
    const deps = await withOctober();
    const handler = createRollupHandler(deps);
    await expect(handler({ period: '2026-13' })).rejects.toThrow(/\[period\.format\]/);
    await expect(handler({ period: 202610 })).rejects.toThrow(InvalidInputError);
    await expect(handler('2026-10')).rejects.toThrow(/rollup event.*\[event\.schema\]/);
    await expect(handler({ period: '2026-10', force: true })).rejects.toThrow(/unknown field "force"/);
    expect(deps.reportObjects.keys()).toEqual([]);
    expect(await deps.snapshotIndex.versions(parsePeriod('2026-10'))).toEqual([]);
  });

  it('the configuration refuses rollup settings out of range', () => {
    expect(() => inMemoryDependencies({ config: { rollup: { carryForwardMonths: 13 } } })).toThrow(
      /rollup\.carryForwardMonths/,
    );
    expect(() => inMemoryDependencies({ config: { rollup: { weights: { goals: { '1': 0 } } } } })).toThrow(
      /rollup\.weights\.goals/,
    );
    expect(() => inMemoryDependencies({ config: { rollup: { other: 1 } } })).toThrow(InvalidInputError);
  });
});
