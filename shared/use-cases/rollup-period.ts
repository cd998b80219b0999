import type { Catalog } from '../domain/catalog/catalog';
import { addMonths, type Period, previousPeriod } from '../domain/period';
import { computeRollup, TREND_HISTORY_PERIODS } from '../domain/rollup/compute-rollup';
import { previousSnapshotOf, type RollupOptions } from '../domain/rollup/rollup-inputs';
import type { RollupSnapshot } from '../domain/rollup/rollup-snapshot';
import type { Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SnapshotIndex, SnapshotRecord } from '../ports/snapshot-index';
import { loadSnapshot, storeSnapshot } from './snapshot-storage';

export interface RollupPeriodPorts {
  readonly catalog: Catalog;
  readonly progress: Pick<ProgressRepository, 'currentRevisions' | 'rows'>;
  readonly snapshotIndex: SnapshotIndex;
  /** The reports bucket: the previous period's snapshot is read from it, this one's written to it. */
  readonly reportObjects: ObjectStore;
  readonly clock: Clock;
}

export interface RollupPeriodResult {
  /** 'unchanged': a snapshot of exactly these inputs was stored before; nothing was written. */
  readonly outcome: 'stored' | 'unchanged';
  /** The stored version (the earlier one when unchanged). */
  readonly record: SnapshotRecord;
  /** The snapshot as computed now; when unchanged, the stored one has the same input hash. */
  readonly snapshot: RollupSnapshot;
}

/** Revisions' rows are read this many at a time: one Query each, without flooding the table. */
const ROW_READS_IN_FLIGHT = 8;

/**
 * Rolls up one period and stores the snapshot as a new version unless its inputs are unchanged.
 * Every read is a Query or a GetItem (docs/architecture.md); nothing is scanned.
 */
export async function rollupPeriod(
  ports: RollupPeriodPorts,
  period: Period,
  options: RollupOptions = {},
): Promise<RollupPeriodResult> {
  const { catalog, progress, snapshotIndex } = ports;

  // 1. The period's current revisions (one Query), for the offices the catalog knows.
  const revisions = (await progress.currentRevisions(period)).filter(
    (revision) => catalog.office(revision.office) !== undefined,
  );

  // 2. Their rows: one Query per revision.
  const submissions = await mapInBatches(revisions, ROW_READS_IN_FLIGHT, async (revision) => ({
    revision,
    rows: await progress.rows(revision.office, period, revision.revision),
  }));

  // 3. The previous period's latest snapshot, checked against its SHA-256 as it is read. Only
  // the parts the rollup reads are kept: the rest of a large snapshot is left to the collector.
  const previousRecord = await snapshotIndex.latest(previousPeriod(period));
  const previous = previousRecord
    ? {
        snapshot: previousSnapshotOf(await loadSnapshot(ports.reportObjects, previousRecord)),
        ref: {
          period: previousRecord.period,
          version: previousRecord.version,
          sha256: previousRecord.sha256,
        },
      }
    : null;

  // 4. The headline numbers of the eleven periods before (one Query on the index).
  const earlier = await snapshotIndex.latestInRange(
    addMonths(period, -TREND_HISTORY_PERIODS),
    previousPeriod(period),
  );
  const history = earlier.map((record) => ({
    ref: { period: record.period, version: record.version, sha256: record.sha256 },
    point: record.headline,
  }));

  // 5. Compute; 6. store: the JSON in the reports bucket, then its index item — nothing new when a
  //    snapshot of the same inputs exists (snapshot-storage.ts).
  const snapshot = computeRollup({ catalog, period, submissions, previous, history, options });
  const saved = await storeSnapshot(ports, snapshot, ports.clock.now());
  return { outcome: saved.kind, record: saved.record, snapshot };
}

async function mapInBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}
