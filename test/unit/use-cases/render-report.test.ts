import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { parseManifest } from '../../../shared/domain/report/report-manifest';
import { sha256Hex } from '../../../shared/domain/sha256';
import { ReportChainBusyError } from '../../../shared/use-cases/report-chain-hold';
import { storeSnapshot } from '../../../shared/use-cases/snapshot-storage';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot, TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { populatedSnapshot } from '../../support/populated-snapshot';

const P = parsePeriod;
const noWait = { waitForChainMs: 20, pollMs: 5, sleep: async () => {} };

describe('renderReport', () => {
  it('says there is nothing to render for a period with no snapshot, writing nothing', async () => {
    const deps = inMemoryDependencies();
    await expect(renderWith(deps, '2026-10')).rejects.toThrow(NotFoundError);
    await expect(renderWith(deps, '2026-10')).rejects.toThrow(
      'no rollup snapshot for 2026-10: run `strategy-report rollup --period 2026-10` first',
    );
    expect(deps.reportObjects.keys()).toEqual([]);
    expect(await deps.reportIndex.chainState()).toBeUndefined();
  });

  it('publishes files first, the manifest last, then the index item and the head', async () => {
    const deps = inMemoryDependencies();
    const snapshot = await storedSnapshot(deps, '2026-10');
    const outcome = await renderWith(deps, '2026-10', { markingBanner: 'CUI' });

    expect(outcome).toMatchObject({ kind: 'rendered', record: { version: 1, sequence: 1 }, snapshot });
    expect(deps.reportObjects.writes.filter((key) => key.startsWith('reports/'))).toEqual([
      'reports/2026-10/v0001/brief.pdf',
      'reports/2026-10/v0001/workbook.xlsx',
      'reports/2026-10/v0001/brief.html',
      'reports/2026-10/v0001/report.stratml.xml',
      'reports/2026-10/v0001/manifest.json',
    ]);
    const bytes = await deps.reportObjects.get('reports/2026-10/v0001/manifest.json');
    const manifest = parseManifest(bytes);
    expect(manifest).toMatchObject({
      period: '2026-10',
      version: 1,
      generatedAt: snapshot.createdAt,
      snapshot: { version: 1, sha256: snapshot.sha256, key: snapshot.key, inputHash: snapshot.inputHash },
      softwareVersion: TEST_SOFTWARE_VERSION,
      renderOptions: { markingBanner: 'CUI' },
      chain: { sequence: 1, previous: null },
    });
    for (const file of manifest.files)
      expect(sha256Hex(await deps.reportObjects.get(file.key)), file.name).toBe(file.sha256);
    expect(outcome.record).toMatchObject({
      manifestSha256: sha256Hex(bytes),
      previousManifestSha256: null,
      publishedAt: deps.clock.now().toISOString(),
    });
    expect(await deps.reportIndex.versions(P('2026-10'))).toEqual([outcome.record]);
    expect(await deps.reportIndex.chainState()).toEqual({
      sequence: 1,
      period: '2026-10',
      version: 1,
      manifestKey: 'reports/2026-10/v0001/manifest.json',
      manifestSha256: sha256Hex(bytes),
    });
  });

  it('renders a snapshot once; force adds a version with the same files, chained to the first', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    const first = await renderWith(deps, '2026-10');
    const writes = deps.reportObjects.writes.length;

    const again = await renderWith(deps, '2026-10');
    expect(again).toEqual({ ...first, kind: 'already-rendered' });
    expect(deps.reportObjects.writes).toHaveLength(writes);

    const forced = await renderWith(deps, '2026-10', { force: true });
    expect(forced.record).toMatchObject({
      version: 2,
      sequence: 2,
      previousManifestSha256: first.record.manifestSha256,
    });
    expect(forced.record.files.map((file) => file.sha256)).toEqual(
      first.record.files.map((file) => file.sha256),
    );

    // A new snapshot of the period is rendered without force.
    await storedSnapshot(deps, '2026-10', '2026-11-03T09:00:00Z', 2);
    expect((await renderWith(deps, '2026-10')).record).toMatchObject({
      version: 3,
      snapshot: { version: 2 },
    });
  });

  it('counts each version it publishes as a report rendered, and nothing when the snapshot was rendered', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    await renderWith(deps, '2026-10');
    await renderWith(deps, '2026-10');
    expect(deps.metrics.all()).toEqual({ ReportsRendered: 1 });
    await renderWith(deps, '2026-10', { force: true });
    expect(deps.metrics.all()).toEqual({ ReportsRendered: 2 });
  });

  it('logs the failure it recovered from when its manifest was stored but indexing it failed once', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    const putRecord = deps.reportIndex.putRecord.bind(deps.reportIndex);
    let throttled = false;
    deps.reportIndex.putRecord = async (record) => {
      if (throttled) return putRecord(record);
      throttled = true;
      throw new Error('ProvisionedThroughputExceededException');
    };

    const outcome = await renderWith(deps, '2026-10');

    // Settling the hold found the manifest complete and published it: the version is out.
    expect(outcome).toMatchObject({ kind: 'rendered', record: { version: 1, sequence: 1 } });
    expect(await deps.reportIndex.chainHead()).toMatchObject({ sequence: 1, version: 1 });
    expect(deps.metrics.all()).toEqual({ ReportsRendered: 1 });
    expect(deps.log.lines).toEqual([
      {
        level: 'warn',
        message: 'a publication step failed, but the version was complete and is published',
        extra: { version: 1, error: new Error('ProvisionedThroughputExceededException') },
      },
    ]);
  });

  it('logs a hold it could not settle, and throws the failure that made it try', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    // The manifest cannot be written, and by then the table is unreachable too.
    deps.reportObjects.beforePut = (key) => {
      if (!key.endsWith('manifest.json')) return;
      deps.reportIndex.down = true;
      throw new Error('injected failure writing the manifest');
    };

    await expect(renderWith(deps, '2026-10')).rejects.toThrow('injected failure writing the manifest');

    expect(deps.log.lines).toEqual([
      {
        level: 'error',
        message: 'could not settle the report chain hold; the next render settles it once its lease expires',
        extra: { version: 1, error: new Error('the table is unreachable') },
      },
    ]);
    expect(deps.metrics.all()).toEqual({});
  });

  it('takes the next version number when another render claimed the one it wanted', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    await deps.reportIndex.claimVersion(P('2026-10'), 1, new Date());
    const outcome = await renderWith(deps, '2026-10');
    expect(outcome.record.version).toBe(2);
    expect(deps.reportObjects.keys('reports/2026-10/v0001/')).toEqual([]);
  });

  it('leaves nothing visible when it fails writing a file, and the chain as it was', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-09');
    await renderWith(deps, '2026-09');
    await storedSnapshot(deps, '2026-10');
    const head = await deps.reportIndex.chainState();
    deps.reportObjects.beforePut = (key) => {
      if (key.endsWith('workbook.xlsx')) throw new Error(`injected failure writing ${key}`);
    };
    await expect(renderWith(deps, '2026-10')).rejects.toThrow(
      'injected failure writing reports/2026-10/v0001/workbook.xlsx',
    );
    expect(deps.reportObjects.keys('reports/2026-10/')).toEqual(['reports/2026-10/v0001/brief.pdf']);
    expect(await deps.reportIndex.versions(P('2026-10'))).toEqual([]);
    expect(await deps.reportIndex.chainState()).toEqual(head);
  });

  it('gives the chain back at once when it fails writing its manifest, so the next render need not wait', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    deps.reportObjects.beforePut = (key) => {
      if (key.endsWith('manifest.json')) throw new Error('injected failure writing the manifest');
    };
    await expect(renderWith(deps, '2026-10')).rejects.toThrow('injected failure writing the manifest');
    // The head item exists (the hold created it) but holds nothing, and names no report.
    expect(await deps.reportIndex.chainState()).toEqual({ sequence: 0 });
    expect(await deps.reportIndex.pendingPublication()).toBeUndefined();

    deps.reportObjects.beforePut = undefined;
    const retried = await renderWith(deps, '2026-10', { chainHold: noWait });
    expect(retried.record).toMatchObject({ version: 2, sequence: 1, previousManifestSha256: null });
  });

  it('completes the publication of a render that died after storing its manifest, once its hold expires', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-08');
    const first = await renderWith(deps, '2026-08');
    await storedSnapshot(deps, '2026-09');
    await storedSnapshot(deps, '2026-10');

    // The manifest reaches the bucket, then the process dies: it can write nothing more anywhere.
    deps.reportObjects.beforePut = (key) => {
      if (key.endsWith('manifest.json')) queueMicrotask(() => (deps.reportIndex.down = true));
    };
    await expect(renderWith(deps, '2026-09')).rejects.toThrow('the table is unreachable');
    deps.reportObjects.beforePut = undefined;
    deps.reportIndex.down = false;
    expect(deps.reportObjects.keys('reports/2026-09/')).toContain('reports/2026-09/v0001/manifest.json');
    expect(await deps.reportIndex.versions(P('2026-09'))).toEqual([]);
    expect(await deps.reportIndex.pendingPublication()).toMatchObject({
      period: '2026-09',
      version: 1,
      sequence: 2,
    });

    // While its hold lasts, another render waits, then says the chain is busy.
    await expect(renderWith(deps, '2026-10', { chainHold: noWait })).rejects.toBeInstanceOf(
      ReportChainBusyError,
    );
    expect(await deps.reportIndex.versions(P('2026-10'))).toEqual([]);

    // After the lease, the next render completes the dead one's publication, then its own.
    deps.clock.advance(16 * 60_000);
    const next = await renderWith(deps, '2026-10');
    const recovered = await deps.reportIndex.versions(P('2026-09'));
    expect(recovered).toMatchObject([
      { version: 1, sequence: 2, previousManifestSha256: first.record.manifestSha256 },
    ]);
    expect(next.record).toMatchObject({ sequence: 3, previousManifestSha256: recovered[0]?.manifestSha256 });
    expect(await deps.reportIndex.chainHead()).toMatchObject({ sequence: 3, period: '2026-10' });
  });

  it('abandons the hold of a render that died before its manifest was stored', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-09');
    await storedSnapshot(deps, '2026-10');
    deps.reportObjects.beforePut = (key) => {
      if (key.endsWith('manifest.json')) {
        deps.reportIndex.down = true;
        throw new Error('the process died');
      }
    };
    await expect(renderWith(deps, '2026-09')).rejects.toThrow('the process died');
    deps.reportObjects.beforePut = undefined;
    deps.reportIndex.down = false;
    expect(await deps.reportIndex.pendingPublication()).toMatchObject({ period: '2026-09', sequence: 1 });

    deps.clock.advance(16 * 60_000);
    const next = await renderWith(deps, '2026-10');
    expect(next.record).toMatchObject({ sequence: 1, previousManifestSha256: null });
    expect(await deps.reportIndex.versions(P('2026-09'))).toEqual([]);
    // Its files stay, unlisted, under their own keys: nothing is overwritten or deleted.
    expect(deps.reportObjects.keys('reports/2026-09/')).toHaveLength(4);
  });

  it('keeps the chain linear when renders of several periods run at once', async () => {
    const deps = inMemoryDependencies();
    const periods = ['2026-05', '2026-06', '2026-07', '2026-08'];
    for (const period of periods) await storedSnapshot(deps, period);
    const results = await Promise.all(
      periods.map((period) => renderWith(deps, period, { chainHold: { pollMs: 1, sleep: async () => {} } })),
    );
    const records = results.map((result) => result.record).sort((a, b) => a.sequence - b.sequence);
    expect(records.map((record) => record.sequence)).toEqual([1, 2, 3, 4]);
    for (const [index, record] of records.entries())
      expect(record.previousManifestSha256).toBe(index === 0 ? null : records[index - 1]?.manifestSha256);
    expect(await deps.reportIndex.chainHead()).toMatchObject({ sequence: 4 });
  });

  it('records, for a version that replaces another, which one, when it was published and whose submissions changed', async () => {
    const deps = inMemoryDependencies();
    const snapshot = populatedSnapshot({ period: P('2026-10') });
    await storeSnapshot(deps, snapshot, new Date('2026-10-28T12:00:00Z'));
    const first = await renderWith(deps, '2026-10');
    deps.clock.advance(3_600_000);
    // A new revision from OT since version 1.
    await storeSnapshot(
      deps,
      {
        ...snapshot,
        inputHash: 'f'.repeat(64),
        inputs: snapshot.inputs.map((input) =>
          input.office === 'OT'
            ? { ...input, revision: input.revision + 1, submissionId: 'sub-ot-late' }
            : input,
        ),
      },
      new Date('2026-10-29T12:00:00Z'),
    );
    const second = await renderWith(deps, '2026-10');
    const manifest = parseManifest(await deps.reportObjects.get(second.record.manifestKey));
    const revision = snapshot.inputs.find((input) => input.office === 'OT')?.revision as number;
    expect(manifest.renderOptions.supersedes).toEqual({
      version: 1,
      issuedAt: first.record.publishedAt,
      changes: [{ office: 'OT', from: revision, to: revision + 1 }],
    });
    const firstManifest = parseManifest(await deps.reportObjects.get(first.record.manifestKey));
    expect(firstManifest.renderOptions).toEqual({ markingBanner: null, taggedPdf: true });
  });
});
