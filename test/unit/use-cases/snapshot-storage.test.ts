import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { IntegrityError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { sha256Hex } from '../../../shared/domain/sha256';
import { loadSnapshot, storeSnapshot } from '../../../shared/use-cases/snapshot-storage';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { emptySnapshot } from '../../support/snapshot-fixture';

const period = parsePeriod('2026-09');
const hash = (n: number) => n.toString(16).padStart(64, '0');
const at = (day: number) => new Date(`2026-10-0${day}T10:00:00Z`);

describe('storeSnapshot and loadSnapshot', () => {
  it('stores version 1, nothing for the same inputs, and version 2 for new ones', async () => {
    const deps = inMemoryDependencies();
    const first = await storeSnapshot(deps, emptySnapshot(period, hash(1)), at(1));
    const bytes = Buffer.from(canonicalJson(emptySnapshot(period, hash(1))));
    expect(first).toEqual({
      kind: 'stored',
      record: expect.objectContaining({
        period: '2026-09',
        version: 1,
        inputHash: hash(1),
        sha256: sha256Hex(bytes),
        key: `snapshots/2026-09/${hash(1)}.json`,
        createdAt: '2026-10-01T10:00:00.000Z',
      }),
    });
    expect(await deps.reportObjects.head(first.record.key)).toMatchObject({
      contentType: 'application/json',
      metadata: { sha256: sha256Hex(bytes) },
    });

    const again = await storeSnapshot(deps, emptySnapshot(period, hash(1)), at(2));
    expect(again).toEqual({ kind: 'unchanged', record: first.record });
    expect(deps.reportObjects.writes).toHaveLength(1);

    const changed = await storeSnapshot(deps, emptySnapshot(period, hash(2)), at(3));
    expect(changed.record.version).toBe(2);
    expect((await deps.snapshotIndex.latest(period))?.inputHash).toBe(hash(2));
    expect(await loadSnapshot(deps.reportObjects, first.record)).toEqual(emptySnapshot(period, hash(1)));
  });

  it('answers with the winner when a concurrent save of the same inputs completed first', async () => {
    const deps = inMemoryDependencies();
    const claim = deps.snapshotIndex.claimInputs.bind(deps.snapshotIndex);
    // Between this save's first look and its claim, another save of the same inputs completes.
    deps.snapshotIndex.claimInputs = async (p, inputHash) => {
      deps.snapshotIndex.claimInputs = claim;
      await storeSnapshot(deps, emptySnapshot(period, hash(5)), at(1));
      return claim(p, inputHash);
    };
    const outcome = await storeSnapshot(deps, emptySnapshot(period, hash(5)), at(2));
    expect(outcome).toMatchObject({
      kind: 'unchanged',
      record: { version: 1, createdAt: '2026-10-01T10:00:00.000Z' },
    });
    expect(await deps.snapshotIndex.versions(period)).toHaveLength(1);
  });

  it('numbers concurrent saves of different inputs without losing any, taking the next free version', async () => {
    const deps = inMemoryDependencies();
    const outcomes = await Promise.all(
      [11, 12, 13].map((n) => storeSnapshot(deps, emptySnapshot(period, hash(n)), at(1))),
    );
    expect(outcomes.map((outcome) => outcome.record.version).sort()).toEqual([1, 2, 3]);
    for (const outcome of outcomes)
      expect(await deps.snapshotIndex.versionOfInputs(period, outcome.record.inputHash)).toBe(
        outcome.record.version,
      );
  });

  it('refuses to load a snapshot whose bytes were altered', async () => {
    const deps = inMemoryDependencies();
    const { record } = await storeSnapshot(deps, emptySnapshot(period, hash(1)), at(1));
    const bytes = await deps.reportObjects.get(record.key);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    await deps.reportObjects.put(record.key, bytes);
    const load = loadSnapshot(deps.reportObjects, record);
    await expect(load).rejects.toBeInstanceOf(IntegrityError);
    await expect(load).rejects.toThrow(
      /^snapshot 2026-09 v1 at snapshots\/2026-09\/0+1\.json has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}: it was altered$/,
    );
  });
});
