import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { type Period, parsePeriod } from '../../../shared/domain/period';
import type { ProgressRow } from '../../../shared/domain/progress';
import { sha256Hex } from '../../../shared/domain/sha256';
import { rollupPeriod } from '../../../shared/use-cases/rollup-period';
import { loadSnapshot } from '../../../shared/use-cases/snapshot-storage';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision } from '../../support/fixtures';
import { row, smallCatalog } from '../../support/rollup-fixtures';

const P = parsePeriod;

async function submit(
  deps: InMemoryDependencies,
  office: string,
  period: Period,
  rows: ProgressRow[],
  sha = office,
) {
  await deps.progress.commitRevision(
    newRevision({ office, period, sha256: sha256Hex(sha), rowCount: rows.length }),
    rows,
    deps.clock.now(),
  );
}

describe('rollupPeriod', () => {
  it('rolls up the current revisions of the catalog offices, and stores the snapshot', async () => {
    const deps = inMemoryDependencies({ catalog: smallCatalog });
    await submit(deps, 'OFA', P('2026-10'), [
      row('1.1.1', { percentComplete: 40 }),
      row('1.1.2', { percentComplete: 80 }),
    ]);
    // An office the catalog does not know is left out.
    await submit(deps, 'ZZZ', P('2026-10'), [row('1.1.1')]);

    const result = await rollupPeriod(deps, P('2026-10'));
    expect(result.outcome).toBe('stored');
    expect(result.snapshot.inputs.map((input) => input.office)).toEqual(['OFA']);
    expect(result.snapshot.objectives[0]?.percentComplete).toBe(60);
    expect(result.record).toMatchObject({
      period: '2026-10',
      version: 1,
      inputHash: result.snapshot.inputHash,
    });
    expect(await loadSnapshot(deps.reportObjects, result.record)).toEqual(result.snapshot);
  });

  it('stores nothing new for unchanged inputs, and a new version when a revision arrives', async () => {
    const deps = inMemoryDependencies({ catalog: smallCatalog });
    await submit(deps, 'OFA', P('2026-10'), [row('1.1.1')]);
    const first = await rollupPeriod(deps, P('2026-10'));
    deps.clock.advance(3_600_000);
    const again = await rollupPeriod(deps, P('2026-10'));
    expect(again).toMatchObject({ outcome: 'unchanged', record: first.record });

    await submit(deps, 'OFB', P('2026-10'), [row('1.2.1', { status: 'At Risk' })]);
    const changed = await rollupPeriod(deps, P('2026-10'));
    expect(changed.record.version).toBe(2);
    expect(await deps.snapshotIndex.versions(P('2026-10'))).toHaveLength(2);
  });

  it('compares with the previous period and keeps the trend of the periods before', async () => {
    const deps = inMemoryDependencies({ catalog: smallCatalog });
    await submit(deps, 'OFA', P('2026-08'), [row('1.1.1', { percentComplete: 10 })]);
    await rollupPeriod(deps, P('2026-08'));
    await submit(deps, 'OFA', P('2026-09'), [row('1.1.1', { percentComplete: 30 })], 'OFA9');
    const september = await rollupPeriod(deps, P('2026-09'));
    await submit(deps, 'OFA', P('2026-10'), [row('1.1.1', { percentComplete: 50 })], 'OFA10');

    const october = await rollupPeriod(deps, P('2026-10'));
    expect(october.snapshot.previousSnapshot).toEqual({
      period: '2026-09',
      version: 1,
      sha256: september.record.sha256,
    });
    expect(october.snapshot.trend.map((point) => point.period).slice(-3)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
  });

  it('refuses to build on a previous snapshot whose bytes were altered', async () => {
    const deps = inMemoryDependencies({ catalog: smallCatalog });
    await submit(deps, 'OFA', P('2026-09'), [row('1.1.1')]);
    const { record } = await rollupPeriod(deps, P('2026-09'));
    await deps.reportObjects.put(record.key, Buffer.from('{"tampered":true}'));
    await expect(rollupPeriod(deps, P('2026-10'))).rejects.toBeInstanceOf(IntegrityError);
    expect(await deps.snapshotIndex.versions(P('2026-10'))).toEqual([]);
  });
});
