import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSnapshotIndex } from '../../shared/adapters/dynamodb/dynamodb-snapshot-index';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { parsePeriod } from '../../shared/domain/period';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import {
  loadSnapshot,
  type SnapshotStoragePorts,
  storeSnapshot,
} from '../../shared/use-cases/snapshot-storage';
import { emptySnapshot } from '../support/snapshot-fixture';

const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('rollup snapshots on the embedded servers', () => {
  let runtime: LocalRuntime;
  let reports: S3ObjectStore;
  let index: DynamoDbSnapshotIndex;
  let ports: SnapshotStoragePorts;

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    reports = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.reports);
    index = new DynamoDbSnapshotIndex(runtime.clients.documents, runtime.names.tableName);
    ports = { snapshotIndex: index, reportObjects: reports };
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('stores version 1, stores nothing for the same inputs, and version 2 for new ones', async () => {
    const period = parsePeriod('2026-09');
    const first = await storeSnapshot(
      ports,
      emptySnapshot(period, hash(1)),
      new Date('2026-10-01T10:00:00Z'),
    );
    expect(first).toMatchObject({
      kind: 'stored',
      record: { version: 1, key: `snapshots/2026-09/${hash(1)}.json` },
    });

    const again = await storeSnapshot(
      ports,
      emptySnapshot(period, hash(1)),
      new Date('2026-10-02T10:00:00Z'),
    );
    expect(again).toMatchObject({
      kind: 'unchanged',
      record: { version: 1, createdAt: '2026-10-01T10:00:00.000Z' },
    });

    const changed = await storeSnapshot(
      ports,
      emptySnapshot(period, hash(2)),
      new Date('2026-10-03T10:00:00Z'),
    );
    expect(changed).toMatchObject({ kind: 'stored', record: { version: 2 } });

    expect((await index.versions(period)).map((record) => record.version)).toEqual([1, 2]);
    expect((await index.latest(period))?.inputHash).toBe(hash(2));
    const loaded = await loadSnapshot(reports, first.record);
    expect(loaded).toEqual(emptySnapshot(period, hash(1)));
  });

  it('numbers concurrent saves of different inputs without losing any', async () => {
    const period = parsePeriod('2026-08');
    const outcomes = await Promise.all(
      [11, 12, 13].map((n) => storeSnapshot(ports, emptySnapshot(period, hash(n)), new Date())),
    );
    expect(outcomes.map((outcome) => outcome.record.version).sort()).toEqual([1, 2, 3]);
  });

  it('gives the latest version of each period in a range with one query', async () => {
    const records = await index.latestInRange(parsePeriod('2026-01'), parsePeriod('2026-09'));
    expect(records.map((record) => [record.period, record.version])).toEqual([
      ['2026-08', 3],
      ['2026-09', 2],
    ]);
    expect(records[1]?.headline).toMatchObject({
      period: '2026-09',
      agency: { status: 'No Data', percentComplete: null },
    });
  });

  it('refuses to load a snapshot whose bytes were altered', async () => {
    const record = (await index.latest(parsePeriod('2026-09'))) ?? expect.unreachable();
    const bytes = await reports.get(record.key);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    await reports.put(record.key, bytes);
    await expect(loadSnapshot(reports, record)).rejects.toThrow(
      /snapshot 2026-09 v2 at .* has SHA-256 .*: it was altered/,
    );
  });
});
