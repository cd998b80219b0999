import { describe, expect, it } from 'vitest';
import { createRollupHandler, rollupOptionsOf } from '../../../functions/rollup/handler';
import { parseProductConfig } from '../../../shared/config/product-config';
import { InvalidInputError } from '../../../shared/domain/errors';
import type { Period } from '../../../shared/domain/period';
import type { RollupSnapshot } from '../../../shared/domain/rollup/rollup-snapshot';
import { trendPointOf } from '../../../shared/domain/rollup/trend-point';
import type { SnapshotRecord, SnapshotRepository } from '../../../shared/ports/snapshot-repository';
import { revisionOf, row, smallCatalog } from '../../support/rollup-fixtures';

/** Just enough of the ports for the handler: one office's revision, and a store that keeps what it is given. */
function fakes(config = parseProductConfig({})) {
  const saved: RollupSnapshot[] = [];
  const reads: string[] = [];
  const snapshots: SnapshotRepository = {
    async save(snapshot, createdAt) {
      saved.push(snapshot);
      const record: SnapshotRecord = {
        period: snapshot.period as Period,
        version: saved.length,
        inputHash: snapshot.inputHash,
        sha256: 'f'.repeat(64),
        key: `snapshots/${snapshot.period}/${snapshot.inputHash}.json`,
        createdAt: createdAt.toISOString(),
        inputs: snapshot.inputs,
        headline: trendPointOf(snapshot),
      };
      return { kind: 'stored', record };
    },
    latest: async (period) => {
      reads.push(`latest ${period}`);
      return undefined;
    },
    versions: async () => [],
    latestInRange: async (from, to) => {
      reads.push(`range ${from}..${to}`);
      return [];
    },
    load: async () => {
      throw new Error('not stored');
    },
  };
  const progress = {
    currentRevisions: async (period: Period) => {
      reads.push(`current ${period}`);
      return [{ ...revisionOf('OFA', period), rowCount: 1 }] as never;
    },
    rows: async (office: string, period: Period, revision: number) => {
      reads.push(`rows ${office} ${period} r${revision}`);
      return [row('1.1.1', { percentComplete: 40 }), row('1.1.2', { percentComplete: 80 })];
    },
  };
  const clock = { now: () => new Date('2026-11-01T03:30:00Z') };
  return {
    saved,
    reads,
    handler: createRollupHandler({
      catalog: smallCatalog,
      config,
      clock,
      progress: progress as never,
      snapshots,
    }),
  };
}

describe('the rollup handler', () => {
  it('takes the previous calendar month in the configured time zone when the event has no period', async () => {
    // 03:30 UTC on 1 November: still October in New York, already November in UTC.
    const newYork = fakes();
    expect((await newYork.handler({})).period).toBe('2026-09');
    expect((await newYork.handler(null)).period).toBe('2026-09');
    const utc = fakes(parseProductConfig({ timeZone: 'UTC' }));
    expect((await utc.handler(undefined)).period).toBe('2026-10');
  });

  it('reads the period, the previous period and the eleven before, then stores the snapshot', async () => {
    const { handler, reads, saved } = fakes();
    const result = await handler({ period: '2026-10' });
    expect(reads).toEqual([
      'current 2026-10',
      'rows OFA 2026-10 r1',
      'latest 2026-09',
      'range 2025-11..2026-09',
    ]);
    expect(result).toMatchObject({ period: '2026-10', outcome: 'stored', record: { version: 1 } });
    expect(saved[0]?.agency).toMatchObject({ reported: 2, percentComplete: 60 });
  });

  it('passes the configured carry-forward limit and weights to the rollup', async () => {
    const config = parseProductConfig({
      rollup: { carryForwardMonths: 1, weights: { keyActivities: { '1.1.2': 3 } } },
    });
    expect(rollupOptionsOf(config)).toEqual({
      carryForwardMaxAgeMonths: 1,
      weights: { keyActivities: { '1.1.2': 3 } },
    });
    expect(rollupOptionsOf(parseProductConfig({}))).toEqual({});
    const { handler, saved } = fakes(config);
    await handler({ period: '2026-10' });
    // 1.1 = (40 + 3 × 80) / 4 = 70
    expect(saved[0]?.objectives[0]?.percentComplete).toBe(70);
    expect(saved[0]?.rules).toMatchObject({ carryForwardMaxAgeMonths: 1 });
  });

  it('refuses a malformed event or period as invalid input, reading nothing', async () => {
    const { handler, reads } = fakes();
    await expect(handler({ period: '2026-13' })).rejects.toThrow(/\[period\.format\]/);
    await expect(handler({ period: 202610 } as never)).rejects.toThrow(InvalidInputError);
    await expect(handler('2026-10' as never)).rejects.toThrow(/\[rollup\.event\]/);
    expect(reads).toEqual([]);
  });

  it('the configuration refuses rollup settings out of range', () => {
    expect(() => parseProductConfig({ rollup: { carryForwardMonths: 13 } })).toThrow(
      /rollup\.carryForwardMonths/,
    );
    expect(() => parseProductConfig({ rollup: { weights: { goals: { '1': 0 } } } })).toThrow(
      /rollup\.weights\.goals/,
    );
    expect(() => parseProductConfig({ rollup: { other: 1 } })).toThrow(InvalidInputError);
  });
});
