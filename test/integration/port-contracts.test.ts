import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryLog } from '../../shared/adapters/dynamodb/dynamodb-delivery-log';
import { DynamoDbReportIndex } from '../../shared/adapters/dynamodb/dynamodb-report-index';
import { DynamoDbSnapshotIndex } from '../../shared/adapters/dynamodb/dynamodb-snapshot-index';
import { DynamoDbSubmissionHistory } from '../../shared/adapters/dynamodb/dynamodb-submission-history';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { NotFoundError } from '../../shared/domain/errors';
import { addMonths, parsePeriod } from '../../shared/domain/period';
import { trendPointOf } from '../../shared/domain/rollup/trend-point';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import type { DeliveryLog } from '../../shared/ports/delivery-log';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { ChainHold, ReportIndex, ReportRecord } from '../../shared/ports/report-index';
import type { SnapshotIndex, SnapshotRecord } from '../../shared/ports/snapshot-index';
import type { SubmissionAttempt, SubmissionHistory } from '../../shared/ports/submission-history';
import { InMemoryDeliveryLog } from '../support/fakes/in-memory-delivery-log';
import { InMemoryObjectStore } from '../support/fakes/in-memory-object-store';
import { InMemoryReportIndex } from '../support/fakes/in-memory-report-index';
import { InMemorySnapshotIndex } from '../support/fakes/in-memory-snapshot-index';
import { InMemorySubmissionHistory } from '../support/fakes/in-memory-submission-history';
import { emptySnapshot } from '../support/snapshot-fixture';

/**
 * The in-memory fakes the unit tests use must answer as the real adapters do. The same scenarios
 * run against each fake and against its adapter on the embedded servers; each scenario uses
 * periods of its own, so the shared table does not mix them.
 */
interface Ports {
  reportIndex: ReportIndex;
  snapshotIndex: SnapshotIndex;
  deliveries: DeliveryLog;
  history: SubmissionHistory;
  objects: ObjectStore;
}

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await openLocalRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const implementations: [string, () => Ports][] = [
  [
    'in memory',
    () => ({
      reportIndex: new InMemoryReportIndex(),
      snapshotIndex: new InMemorySnapshotIndex(),
      deliveries: new InMemoryDeliveryLog(60_000),
      history: new InMemorySubmissionHistory(),
      objects: new InMemoryObjectStore(),
    }),
  ],
  [
    'on the embedded servers',
    () => ({
      reportIndex: new DynamoDbReportIndex(runtime.clients.documents, runtime.names.tableName),
      snapshotIndex: new DynamoDbSnapshotIndex(runtime.clients.documents, runtime.names.tableName),
      deliveries: new DynamoDbDeliveryLog(runtime.clients.documents, runtime.names.tableName, 60_000),
      history: new DynamoDbSubmissionHistory(runtime.clients.documents, runtime.names.tableName),
      objects: new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.reports),
    }),
  ],
];

const record = (period: string, version: number, sequence: number): ReportRecord => ({
  period: parsePeriod(period),
  version,
  sequence,
  manifestKey: `reports/${period}/v000${version}/manifest.json`,
  manifestSha256: String(sequence).repeat(64).slice(0, 64),
  previousManifestSha256: null,
  generatedAt: '2026-11-05T12:00:00.000Z',
  publishedAt: '2026-11-05T12:00:01.000Z',
  snapshot: { period, version: 1, inputHash: 'b'.repeat(64), sha256: 'c'.repeat(64), key: 'k' },
  catalog: { id: 'c', version: '1' },
  softwareVersion: '0.1.0',
  files: [],
});

const hold = (owner: string, period: string, sequence: number): ChainHold => ({
  owner,
  period: parsePeriod(period),
  version: 1,
  manifestKey: `reports/${period}/v0001/manifest.json`,
  sequence,
  leaseExpiresAt: '2026-11-20T15:15:00.000Z',
});

describe.each(implementations)('the ports %s', (_name, make) => {
  // The chain head is one item for the whole table: only one scenario may move it per implementation.
  it('ReportIndex: a version claimed and indexed once; the chain held, moved and released by its holder only', async () => {
    const { reportIndex } = make();
    const period = parsePeriod('2031-01');
    expect(await reportIndex.lastClaimedVersion(period)).toBe(0);
    expect(await reportIndex.claimVersion(period, 1, new Date())).toBe(true);
    expect(await reportIndex.claimVersion(period, 1, new Date())).toBe(false);
    expect(await reportIndex.claimVersion(period, 3, new Date())).toBe(true);
    expect(await reportIndex.lastClaimedVersion(period)).toBe(3);

    const chainBefore = await reportIndex.chainState();
    const sequence = chainBefore?.sequence;
    const next = (sequence ?? 0) + 1;
    expect(await reportIndex.holdChain(hold('a', '2031-01', next), (sequence ?? 0) + 5)).toBe(false);
    expect(await reportIndex.holdChain(hold('a', '2031-01', next), sequence)).toBe(true);
    expect(await reportIndex.holdChain(hold('b', '2031-01', next), sequence)).toBe(false);
    expect(await reportIndex.pendingPublication()).toEqual({
      period: '2031-01',
      version: 1,
      sequence: next,
      leaseExpiresAt: '2026-11-20T15:15:00.000Z',
    });
    expect(await reportIndex.releaseChain('b')).toBe(false);
    expect(await reportIndex.releaseChain('a')).toBe(true);
    expect(await reportIndex.releaseChain('a')).toBe(false);
    expect(await reportIndex.chainState()).toEqual({ ...chainBefore, sequence: sequence ?? 0 });

    expect(await reportIndex.holdChain(hold('c', '2031-01', next), sequence ?? 0)).toBe(true);
    const published = record('2031-01', 1, next);
    expect(await reportIndex.putRecord(published)).toBe(true);
    expect(await reportIndex.putRecord({ ...published, manifestSha256: 'f'.repeat(64) })).toBe(false);
    expect(await reportIndex.advanceChain(published, 'someone-else')).toBe(false);
    expect(await reportIndex.advanceChain(published, 'c')).toBe(true);
    expect(await reportIndex.advanceChain(published, 'c')).toBe(false);
    expect(await reportIndex.chainHead()).toEqual({
      sequence: next,
      period: '2031-01',
      version: 1,
      manifestKey: published.manifestKey,
      manifestSha256: published.manifestSha256,
    });
    expect(await reportIndex.pendingPublication()).toBeUndefined();
    expect(await reportIndex.record(period, 1)).toEqual(published);
    expect(await reportIndex.record(period, 2)).toBeUndefined();
  });

  it('ReportIndex: versions oldest first, the latest, and a range by period then version', async () => {
    const { reportIndex } = make();
    for (const [period, version] of [
      ['2032-02', 2],
      ['2032-01', 1],
      ['2032-02', 1],
      ['2032-03', 1],
    ] as const)
      await reportIndex.putRecord(record(period, version, 100 + version));
    expect((await reportIndex.versions(parsePeriod('2032-02'))).map((each) => each.version)).toEqual([1, 2]);
    expect((await reportIndex.latest(parsePeriod('2032-02')))?.version).toBe(2);
    expect(await reportIndex.latest(parsePeriod('2032-04'))).toBeUndefined();
    const range = await reportIndex.inRange(parsePeriod('2032-01'), parsePeriod('2032-02'));
    expect(range.map((each) => `${each.period} v${each.version}`)).toEqual([
      '2032-01 v1',
      '2032-02 v1',
      '2032-02 v2',
    ]);
  });

  it('SnapshotIndex: an input hash claimed until a save completes; a version indexed once; the latest per period', async () => {
    const { snapshotIndex } = make();
    const period = parsePeriod('2033-05');
    const hash = 'a'.repeat(64);
    expect(await snapshotIndex.versionOfInputs(period, hash)).toBeUndefined();
    expect(await snapshotIndex.claimInputs(period, hash)).toBe(true);
    // Claimed but not completed: another save of the same inputs may claim it too.
    expect(await snapshotIndex.claimInputs(period, hash)).toBe(true);
    const stored: SnapshotRecord = {
      period,
      version: 1,
      inputHash: hash,
      sha256: 'b'.repeat(64),
      key: `snapshots/2033-05/${hash}.json`,
      createdAt: '2033-06-01T00:00:00.000Z',
      inputs: [],
      headline: trendPointOf(emptySnapshot(period, hash)),
    };
    expect(await snapshotIndex.putRecord(stored)).toBe(true);
    expect(await snapshotIndex.putRecord(stored)).toBe(false);
    await snapshotIndex.setInputsVersion(period, hash, 1);
    expect(await snapshotIndex.versionOfInputs(period, hash)).toBe(1);
    expect(await snapshotIndex.claimInputs(period, hash)).toBe(false);
    expect(await snapshotIndex.record(period, 1)).toEqual(stored);

    await snapshotIndex.putRecord({ ...stored, version: 2, inputHash: 'c'.repeat(64) });
    await snapshotIndex.putRecord({ ...stored, period: addMonths(period, 1), version: 1 });
    expect((await snapshotIndex.versions(period)).map((each) => each.version)).toEqual([1, 2]);
    expect((await snapshotIndex.latest(period))?.version).toBe(2);
    const latest = await snapshotIndex.latestInRange(period, addMonths(period, 2));
    expect(latest.map((each) => `${each.period} v${each.version}`)).toEqual(['2033-05 v2', '2033-06 v1']);
  });

  it('DeliveryLog: claimed once, in progress until sent or released, then sent for good', async () => {
    const { deliveries } = make();
    const key = { period: '2034-01', id: 'leadership#V0001' };
    const now = new Date('2034-02-05T12:00:00Z');
    expect(await deliveries.claim(key, now)).toEqual({ kind: 'claimed' });
    expect(await deliveries.claim(key, now)).toEqual({ kind: 'in-progress' });
    await deliveries.release(key);
    expect(await deliveries.claim(key, now)).toEqual({ kind: 'claimed' });
    // A lease that expired: the claim may be taken again.
    expect(await deliveries.claim(key, new Date(now.getTime() + 61_000))).toEqual({ kind: 'claimed' });
    await deliveries.complete(key, { messageId: 'm-1', recipients: ['a@example.gov'] }, now);
    await deliveries.release(key);
    expect(await deliveries.claim(key, now)).toEqual({
      kind: 'sent',
      sentAt: '2034-02-05T12:00:00.000Z',
      messageId: 'm-1',
      recipients: ['a@example.gov'],
    });
  });

  it('SubmissionHistory: an attempt recorded once, read per office or per period in time order', async () => {
    const { history } = make();
    const attempt = (
      office: string,
      at: string,
      outcome: SubmissionAttempt['outcome'],
    ): SubmissionAttempt => ({
      submissionId: `${office}-${at}`,
      office,
      period: parsePeriod('2035-01'),
      receivedAt: `2035-02-0${at}T10:00:00.000Z`,
      uploader: 'x@example.gov',
      sha256: 'a'.repeat(64),
      size: 1,
      source: { bucket: 'uploads', key: 'uploads/x.xlsx' },
      outcome,
    });
    await history.record(attempt('USBP', '3', 'accepted'));
    await history.record(attempt('OFO', '2', 'rejected'));
    await history.record(attempt('OFO', '1', 'rejected'));
    await history.record({ ...attempt('OFO', '1', 'rejected'), outcome: 'accepted' });
    expect(
      (await history.attempts('OFO', parsePeriod('2035-01'))).map((each) => [
        each.receivedAt.slice(8, 10),
        each.outcome,
      ]),
    ).toEqual([
      ['01', 'rejected'],
      ['02', 'rejected'],
    ]);
    expect((await history.attemptsInPeriod(parsePeriod('2035-01'))).map((each) => each.office)).toEqual([
      'OFO',
      'OFO',
      'USBP',
    ]);
  });

  it('ObjectStore: NotFoundError for a missing object, no head, metadata names in lower case, keys in order', async () => {
    const { objects } = make();
    await expect(objects.get('contract/missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(objects.getStream('contract/missing')).rejects.toBeInstanceOf(NotFoundError);
    expect(await objects.head('contract/missing')).toBeUndefined();
    await objects.put('contract/b', Buffer.from('bee'), {
      contentType: 'text/plain',
      metadata: { SHA256: 'x' },
    });
    await objects.put('contract/a', Buffer.from('a'));
    expect(await objects.head('contract/b')).toMatchObject({
      size: 3,
      contentType: 'text/plain',
      metadata: { sha256: 'x' },
    });
    const keys: string[] = [];
    for await (const object of objects.list('contract/')) keys.push(object.key);
    expect(keys).toEqual(['contract/a', 'contract/b']);
    await objects.delete('contract/a');
    expect(await objects.head('contract/a')).toBeUndefined();
    expect((await objects.get('contract/b')).toString()).toBe('bee');
  });
});
