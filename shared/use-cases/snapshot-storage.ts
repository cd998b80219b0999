import { canonicalJson } from '../domain/canonical-json';
import { IntegrityError } from '../domain/errors';
import type { Period } from '../domain/period';
import { type RollupSnapshot, rollupSnapshotSchema } from '../domain/rollup/rollup-snapshot';
import { trendPointOf } from '../domain/rollup/trend-point';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { SnapshotIndex, SnapshotRecord, SnapshotReference } from '../ports/snapshot-index';
import { snapshotKey } from '../storage/object-keys';

export interface SnapshotStoragePorts {
  readonly snapshotIndex: SnapshotIndex;
  /** The reports bucket, where the snapshot JSON lives (a snapshot can outgrow a table item). */
  readonly reportObjects: ObjectStore;
}

export type StoreSnapshotOutcome =
  | { readonly kind: 'stored'; readonly record: SnapshotRecord }
  /** A snapshot with the same input hash exists; nothing was written. */
  | { readonly kind: 'unchanged'; readonly record: SnapshotRecord };

/**
 * Stores a snapshot as the period's next version, unless a snapshot of the same inputs was stored
 * before. Never overwrites: the object key is derived from the input hash, so writing it twice
 * writes the same bytes to the same place, and a version exists only once its index item does.
 *
 * 1. a completed save of the same inputs? Then answer with it, writing nothing;
 * 2. put the canonical JSON under `snapshots/<period>/<inputHash>.json` — nothing points at it yet;
 * 3. claim the input hash (conditional); if a concurrent save of the same inputs completed first,
 *    answer with its version;
 * 4. index the next free version number (conditional put, the next one when taken), then note the
 *    version on the input hash.
 */
export async function storeSnapshot(
  ports: SnapshotStoragePorts,
  snapshot: RollupSnapshot,
  createdAt: Date,
): Promise<StoreSnapshotOutcome> {
  const { snapshotIndex } = ports;
  const period = snapshot.period as Period;

  // 1. Stored before?
  const known = await completedSave(snapshotIndex, period, snapshot.inputHash);
  if (known) return { kind: 'unchanged', record: known };

  // 2. The bytes first.
  const bytes = Buffer.from(canonicalJson(snapshot));
  const sha256 = sha256Hex(bytes);
  const key = snapshotKey(period, snapshot.inputHash);
  await ports.reportObjects.put(key, bytes, { contentType: 'application/json', metadata: { sha256 } });

  // 3. The input hash, unless a concurrent save of the same inputs completed first.
  if (!(await snapshotIndex.claimInputs(period, snapshot.inputHash))) {
    const winner = await completedSave(snapshotIndex, period, snapshot.inputHash);
    if (winner) return { kind: 'unchanged', record: winner };
  }

  // 4. The next free version number.
  let version = ((await snapshotIndex.latest(period))?.version ?? 0) + 1;
  for (;;) {
    const record: SnapshotRecord = {
      period,
      version,
      inputHash: snapshot.inputHash,
      sha256,
      key,
      createdAt: createdAt.toISOString(),
      inputs: snapshot.inputs,
      headline: trendPointOf(snapshot),
    };
    if (await snapshotIndex.putRecord(record)) {
      await snapshotIndex.setInputsVersion(period, snapshot.inputHash, version);
      return { kind: 'stored', record };
    }
    version += 1;
  }
}

async function completedSave(
  snapshotIndex: SnapshotIndex,
  period: Period,
  inputHash: string,
): Promise<SnapshotRecord | undefined> {
  const version = await snapshotIndex.versionOfInputs(period, inputHash);
  return version === undefined ? undefined : snapshotIndex.record(period, version);
}

/**
 * A stored snapshot, checked against its recorded SHA-256. Takes only where it is and its hash,
 * so a report manifest's snapshot reference loads it too (`reports reproduce`).
 */
export async function loadSnapshot(
  reportObjects: ObjectStore,
  reference: SnapshotReference,
): Promise<RollupSnapshot> {
  const bytes = await reportObjects.get(reference.key);
  const actual = sha256Hex(bytes);
  if (actual !== reference.sha256) {
    throw new IntegrityError(
      `snapshot ${reference.period} v${reference.version} at ${reference.key} has SHA-256 ${actual}, expected ${reference.sha256}: it was altered`,
    );
  }
  return rollupSnapshotSchema.parse(JSON.parse(bytes.toString('utf8')));
}
