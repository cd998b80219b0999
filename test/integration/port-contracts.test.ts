import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryLog } from '../../shared/adapters/dynamodb/dynamodb-delivery-log';
import { DynamoDbProgressRepository } from '../../shared/adapters/dynamodb/dynamodb-progress-repository';
import { DynamoDbReportIndex } from '../../shared/adapters/dynamodb/dynamodb-report-index';
import { DynamoDbSnapshotIndex } from '../../shared/adapters/dynamodb/dynamodb-snapshot-index';
import { DynamoDbSubmissionHistory } from '../../shared/adapters/dynamodb/dynamodb-submission-history';
import { itemKeys } from '../../shared/adapters/dynamodb/item-keys';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { NotFoundError } from '../../shared/domain/errors';
import { addMonths, parsePeriod } from '../../shared/domain/period';
import { trendPointOf } from '../../shared/domain/rollup/trend-point';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import type { DeliveryLog } from '../../shared/ports/delivery-log';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { ProgressRepository, RevisionRecord } from '../../shared/ports/progress-repository';
import type { ChainHold, ReportIndex, ReportRecord } from '../../shared/ports/report-index';
import type { SnapshotIndex, SnapshotRecord } from '../../shared/ports/snapshot-index';
import type { SubmissionAttempt, SubmissionHistory } from '../../shared/ports/submission-history';
import { InMemoryDeliveryLog } from '../support/fakes/in-memory-delivery-log';
import { InMemoryObjectStore } from '../support/fakes/in-memory-object-store';
import { InMemoryProgressRepository } from '../support/fakes/in-memory-progress-repository';
import { InMemoryReportIndex } from '../support/fakes/in-memory-report-index';
import { InMemorySnapshotIndex } from '../support/fakes/in-memory-snapshot-index';
import { InMemorySubmissionHistory } from '../support/fakes/in-memory-submission-history';
import { newRevision, progressRows } from '../support/fixtures';
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
  progress: ProgressRepository;
  /** Makes `record` current as a revision committed before uploads carried their moment would be. */
  legacyCurrent(record: Omit<RevisionRecord, 'uploaded'>): Promise<void>;
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
    () => {
      const progress = new InMemoryProgressRepository();
      return {
        reportIndex: new InMemoryReportIndex(),
        snapshotIndex: new InMemorySnapshotIndex(),
        deliveries: new InMemoryDeliveryLog(60_000),
        history: new InMemorySubmissionHistory(),
        objects: new InMemoryObjectStore(),
        progress,
        legacyCurrent: async (record) => progress.legacyCurrent(record),
      };
    },
  ],
  [
    'on the embedded servers',
    () => ({
      reportIndex: new DynamoDbReportIndex(runtime.clients.documents, runtime.names.tableName),
      snapshotIndex: new DynamoDbSnapshotIndex(runtime.clients.documents, runtime.names.tableName),
      deliveries: new DynamoDbDeliveryLog(runtime.clients.documents, runtime.names.tableName, 60_000),
      history: new DynamoDbSubmissionHistory(runtime.clients.documents, runtime.names.tableName),
      objects: new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.reports),
      progress: new DynamoDbProgressRepository(runtime.clients.documents, {
        tableName: runtime.names.tableName,
      }),
      legacyCurrent: (record) => putLegacyCurrent(runtime, record),
    }),
  ],
];

/** The items an earlier release wrote for a committed revision: counter, header, and a pointer with no upload order. */
async function putLegacyCurrent(
  local: LocalRuntime,
  record: Omit<RevisionRecord, 'uploaded'>,
): Promise<void> {
  const put = (Item: Record<string, unknown>) =>
    local.clients.documents.send(new PutCommand({ TableName: local.names.tableName, Item }));
  const pk = itemKeys.submissions(record.period, record.office);
  await put({ pk, sk: itemKeys.revisionCounter, entity: 'RevisionCounter', lastRevision: record.revision });
  await put({ pk, sk: itemKeys.revisionHeader(record.revision), entity: 'Revision', record });
  await put({
    pk: itemKeys.period(record.period),
    sk: itemKeys.currentPointer(record.office),
    entity: 'CurrentRevision',
    revision: record.revision,
    record,
  });
}

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

  it('ProgressRepository: the latest upload is current whatever the commit order; every revision kept in commit order', async () => {
    const { progress } = make();
    const period = parsePeriod('2036-01');
    const sha = (n: number) => n.toString(16).padStart(64, '0');
    const commit = (office: string, n: number, key: string, eventTime: string, sequencer: string) =>
      progress.commitRevision(
        newRevision({
          office,
          period,
          sha256: sha(n),
          submissionId: `s-${n}`,
          source: { bucket: 'uploads', key: `uploads/${office}/2036-01/${key}`, size: 1 },
          uploaded: { eventTime, sequencer },
        }),
        progressRows(['2.1.1'], { percentComplete: n }),
        new Date('2036-02-02T12:00:00Z'),
      );
    const currentOf = async (office: string) => (await progress.currentRevision(office, period))?.sha256;

    // Different files: the later upload stays current when the earlier one commits after it.
    expect(await commit('OFO', 1, 'b.xlsx', '2036-02-01T10:00:05.000Z', '01')).toMatchObject({
      kind: 'committed',
      revision: { revision: 1 },
    });
    expect(await commit('OFO', 2, 'a.xlsx', '2036-02-01T10:00:04.999Z', 'FFFF')).toMatchObject({
      kind: 'committed',
      revision: { revision: 2 },
    });
    expect(await currentOf('OFO')).toBe(sha(1));
    // A later upload moves it; the same bytes again are a duplicate and move nothing.
    await commit('OFO', 3, 'a.xlsx', '2036-02-01T10:00:06.000Z', '02');
    expect(await currentOf('OFO')).toBe(sha(3));
    expect(await commit('OFO', 1, 'c.xlsx', '2036-02-01T10:00:07.000Z', '01')).toMatchObject({
      kind: 'duplicate',
      revision: { revision: 1 },
    });
    expect(await currentOf('OFO')).toBe(sha(3));
    expect((await progress.revisions('OFO', period)).map((each) => [each.revision, each.sha256])).toEqual([
      [1, sha(1)],
      [2, sha(2)],
      [3, sha(3)],
    ]);

    // One file at the same millisecond: the greater sequencer, compared as numbers (0100 > FF).
    await commit('USBP', 10, 'p.xlsx', '2036-02-01T10:00:00.000Z', '0100');
    await commit('USBP', 11, 'p.xlsx', '2036-02-01T10:00:00.000Z', 'FF');
    expect(await currentOf('USBP')).toBe(sha(10));
    await commit('USBP', 12, 'p.xlsx', '2036-02-01T10:00:00.000Z', '000000101');
    expect(await currentOf('USBP')).toBe(sha(12));

    // Two files at the same millisecond: the key later in byte order, whichever commits first.
    await commit('AMO', 20, 'z.xlsx', '2036-02-01T10:00:00.000Z', '01');
    await commit('AMO', 21, 'y.xlsx', '2036-02-01T10:00:00.000Z', 'FF');
    expect(await currentOf('AMO')).toBe(sha(20));

    expect((await progress.currentRevisions(period)).map((each) => [each.office, each.sha256])).toEqual([
      ['AMO', sha(20)],
      ['OFO', sha(3)],
      ['USBP', sha(12)],
    ]);
  });

  it('ProgressRepository: a revision committed before uploads were ordered gives way to the next one', async () => {
    const { progress, legacyCurrent } = make();
    const period = parsePeriod('2036-02');
    const { uploaded: _none, ...legacy } = { ...newRevision({ period, office: 'OT' }), revision: 1 };
    await legacyCurrent(legacy);
    const next = await progress.commitRevision(
      newRevision({ period, office: 'OT', sha256: 'e'.repeat(64), submissionId: 's-next' }),
      progressRows(['2.6.1']),
      new Date('2036-03-02T12:00:00Z'),
    );
    expect(next).toMatchObject({ kind: 'committed', revision: { revision: 2 } });
    expect((await progress.currentRevision('OT', period))?.revision).toBe(2);
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
