import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { DynamoDbReportIndex } from '../../shared/adapters/dynamodb/dynamodb-report-index';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { SOFTWARE_VERSION } from '../../shared/config/software-version';
import { type Period, parsePeriod } from '../../shared/domain/period';
import { parseManifest, type ReportManifest } from '../../shared/domain/report/report-manifest';
import { sha256Hex } from '../../shared/domain/sha256';
import { createRenderHandler, runRender } from '../../shared/entries/render-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { renderReport } from '../../shared/use-cases/render-report';
import { ReportChainBusyError } from '../../shared/use-cases/report-chain-hold';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { populatedSnapshot } from '../support/populated-snapshot';
import { dyingDocuments, failingStore, tinyRenderer } from '../support/report-fakes';

let now = new Date('2026-11-20T15:00:00Z');
const clock = { now: () => now };

describe('the render function on the embedded servers', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}), clock });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const saveSnapshot = async (period: string, createdAt: string, seed = 1) =>
    (await storeSnapshot(deps, populatedSnapshot({ period: parsePeriod(period), seed }), new Date(createdAt)))
      .record;

  const manifestOf = async (key: string): Promise<{ manifest: ReportManifest; sha256: string }> => {
    const bytes = await deps.reportObjects.get(key);
    return { manifest: parseManifest(bytes), sha256: sha256Hex(bytes) };
  };

  const keysUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const object of deps.reportObjects.list(prefix)) keys.push(object.key);
    return keys;
  };

  /** Walks the chain from the head back to the first report: every link must hash to what the next one names. */
  const walkChain = async () => {
    const head = await deps.reportIndex.chainHead();
    const links: ReportManifest[] = [];
    let key = head?.manifestKey;
    let expectedSha = head?.manifestSha256;
    while (key) {
      const { manifest, sha256 } = await manifestOf(key);
      expect(sha256, key).toBe(expectedSha);
      links.push(manifest);
      key = manifest.chain.previous?.key;
      expectedSha = manifest.chain.previous?.sha256;
    }
    return links.reverse();
  };

  it('renders the latest snapshot to reports/<period>/v0001/ with a manifest whose hashes match every stored file', async () => {
    const snapshot = await saveSnapshot('2026-10', '2026-11-05T12:00:00Z');
    const result = await createRenderHandler(deps)({ period: '2026-10' });

    expect(result).toMatchObject({ period: '2026-10', outcome: 'rendered', version: 1, sequence: 1 });
    expect(await keysUnder('reports/2026-10/')).toEqual([
      'reports/2026-10/v0001/brief.html',
      'reports/2026-10/v0001/brief.pdf',
      'reports/2026-10/v0001/manifest.json',
      'reports/2026-10/v0001/report.stratml.xml',
      'reports/2026-10/v0001/workbook.xlsx',
    ]);
    const { manifest, sha256 } = await manifestOf('reports/2026-10/v0001/manifest.json');
    expect(sha256).toBe(result.manifest.sha256);
    expect(manifest).toMatchObject({
      period: '2026-10',
      version: 1,
      generatedAt: '2026-11-05T12:00:00.000Z',
      snapshot: {
        period: '2026-10',
        version: 1,
        inputHash: snapshot.inputHash,
        sha256: snapshot.sha256,
        key: snapshot.key,
      },
      catalog: { id: 'cbp-strategy-2024-2028', version: '1.0.0' },
      softwareVersion: packageJson.version,
      renderOptions: { markingBanner: null, taggedPdf: true },
      submissions: snapshot.inputs,
      chain: { sequence: 1, previous: null },
    });
    expect(manifest.carriedForwardFrom).toContainEqual({ office: 'ES', period: '2026-09', revision: 1 });
    expect(manifest.files.map((file) => file.name)).toEqual([
      'brief.pdf',
      'workbook.xlsx',
      'brief.html',
      'report.stratml.xml',
    ]);
    for (const file of manifest.files) {
      const bytes = await deps.reportObjects.get(file.key);
      expect(sha256Hex(bytes), file.key).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
    expect((await deps.reportObjects.get('reports/2026-10/v0001/brief.pdf')).subarray(0, 8).toString()).toBe(
      '%PDF-1.7',
    );
    expect(await deps.reportIndex.versions(parsePeriod('2026-10'))).toMatchObject([
      { version: 1, sequence: 1, manifestSha256: sha256, previousManifestSha256: null },
    ]);
    expect(await deps.reportIndex.chainHead()).toMatchObject({
      sequence: 1,
      period: '2026-10',
      version: 1,
    });
  });

  it('skips a snapshot rendered before, and --force adds version 2, chained to version 1 and saying it replaces it', async () => {
    const skipped = await createRenderHandler(deps)({ period: '2026-10' });
    expect(skipped).toMatchObject({ outcome: 'already-rendered', version: 1 });
    expect(await keysUnder('reports/2026-10/v0002/')).toEqual([]);

    const first = await manifestOf('reports/2026-10/v0001/manifest.json');
    await expect(createRenderHandler(deps)({ period: '2026-10', force: true })).rejects.toThrow(
      /render event: unknown field "force"/,
    );
    const forced = await runRender(deps, { period: parsePeriod('2026-10'), force: true });
    expect(forced).toMatchObject({
      outcome: 'rendered',
      version: 2,
      sequence: 2,
      previousManifestSha256: first.sha256,
    });
    const second = await manifestOf('reports/2026-10/v0002/manifest.json');
    expect(second.manifest.chain.previous).toEqual({
      period: '2026-10',
      version: 1,
      key: 'reports/2026-10/v0001/manifest.json',
      sha256: first.sha256,
    });
    // The same snapshot, so no submission changed; the files differ from version 1's only in saying so.
    expect(second.manifest.renderOptions).toEqual({
      markingBanner: null,
      supersedes: { version: 1, issuedAt: now.toISOString(), changes: [] },
      taggedPdf: true,
    });
    expect(first.manifest.renderOptions).toEqual({ markingBanner: null, taggedPdf: true });
    const html = (await deps.reportObjects.get('reports/2026-10/v0002/brief.html')).toString('utf8');
    expect(html).toContain(
      'This replaces version 1 of the October 2026 brief, issued on 20 November 2026. Since then: no submission changed; the same data was rendered again.',
    );
    expect(second.manifest.files.map((file) => file.key)).toEqual(
      first.manifest.files.map((file) => file.key.replace('/v0001/', '/v0002/')),
    );
    // Version 1 is untouched.
    expect(sha256Hex(await deps.reportObjects.get('reports/2026-10/v0001/manifest.json'))).toBe(first.sha256);
  });

  it('renders the previous calendar month in the configured time zone when the event names no period', async () => {
    await saveSnapshot('2026-11', '2026-12-02T12:00:00Z');
    now = new Date('2026-12-01T03:00:00Z'); // still 30 November in New York
    const result = await createRenderHandler(deps, tinyRenderer)({});
    expect(result.period).toBe('2026-10');
    expect(result.outcome).toBe('already-rendered');
    now = new Date('2026-12-01T15:00:00Z');
    expect((await createRenderHandler(deps, tinyRenderer)({})).period).toBe('2026-11');
  });

  it('refuses an event with a bad period or unknown fields, writing nothing', async () => {
    const head = await deps.reportIndex.chainHead();
    await expect(createRenderHandler(deps, tinyRenderer)({ period: '2026-13' })).rejects.toThrow(
      /period\.format/,
    );
    await expect(createRenderHandler(deps, tinyRenderer)({ period: '2026-10', extra: 1 })).rejects.toThrow(
      /event\.schema/,
    );
    await expect(createRenderHandler(deps, tinyRenderer)({ period: '2025-01' })).rejects.toThrow(
      /no rollup snapshot for 2025-01/,
    );
    expect(await deps.reportIndex.chainHead()).toEqual(head);
  });

  it('leaves no manifest, no index item and an unmoved chain when a render fails half-way', async () => {
    await saveSnapshot('2026-07', '2026-08-05T12:00:00Z');
    const head = await deps.reportIndex.chainHead();
    const broken = failingStore(deps.reportObjects, (_key, index) => index === 1);
    await expect(
      createRenderHandler({ ...deps, reportObjects: broken }, tinyRenderer)({ period: '2026-07' }),
    ).rejects.toThrow(/injected failure writing reports\/2026-07\/v0001\/workbook.xlsx/);
    expect(await keysUnder('reports/2026-07/')).toEqual(['reports/2026-07/v0001/brief.pdf']);
    expect(await deps.reportIndex.versions(parsePeriod('2026-07'))).toEqual([]);
    expect(await deps.reportIndex.chainHead()).toEqual(head);

    // A failure writing the manifest gives the chain back at once: the next render does not wait.
    const manifestFails = failingStore(deps.reportObjects, (key) => key.endsWith('manifest.json'));
    await expect(
      createRenderHandler({ ...deps, reportObjects: manifestFails }, tinyRenderer)({ period: '2026-07' }),
    ).rejects.toThrow(/injected failure writing reports\/2026-07\/v0002\/manifest.json/);
    expect((await keysUnder('reports/2026-07/')).filter((key) => key.endsWith('manifest.json'))).toEqual([]);
    expect(await deps.reportIndex.chainHead()).toEqual(head);

    const retried = await createRenderHandler(deps, tinyRenderer)({ period: '2026-07' });
    expect(retried).toMatchObject({ outcome: 'rendered', version: 3, sequence: (head?.sequence ?? 0) + 1 });
    expect(retried.previousManifestSha256).toBe(head?.manifestSha256);
  });

  it('completes the publication of a render that died after storing its manifest, once its hold expires', async () => {
    await saveSnapshot('2026-06', '2026-07-05T12:00:00Z');
    await saveSnapshot('2026-05', '2026-06-05T12:00:00Z');
    const head = await deps.reportIndex.chainHead();
    let dead = false;
    // The manifest reaches S3, then the process dies before it can record it anywhere else.
    const dyingIndex = new DynamoDbReportIndex(
      dyingDocuments(runtime.clients.documents, () => dead),
      runtime.names.tableName,
    );
    const killingObjects = new Proxy(deps.reportObjects, {
      get(target, property, receiver) {
        if (property === 'put')
          return async (...args: Parameters<typeof target.put>) => {
            const result = await target.put(...args);
            if (args[0].endsWith('manifest.json')) dead = true;
            return result;
          };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(
      createRenderHandler(
        { ...deps, reportIndex: dyingIndex, reportObjects: killingObjects },
        tinyRenderer,
      )({ period: '2026-06' }),
    ).rejects.toThrow('the process died');
    expect(await keysUnder('reports/2026-06/v0001/')).toContain('reports/2026-06/v0001/manifest.json');
    expect(await deps.reportIndex.versions(parsePeriod('2026-06'))).toEqual([]);

    // While its hold lasts, another render waits and then says the chain is busy.
    await expect(
      renderReport(
        { ...deps, renderer: tinyRenderer },
        {
          period: parsePeriod('2026-05'),
          softwareVersion: SOFTWARE_VERSION,
          chainHold: { waitForChainMs: 20, pollMs: 5 },
        },
      ),
    ).rejects.toBeInstanceOf(ReportChainBusyError);

    // After the lease, the next render completes the dead one's publication, then its own.
    now = new Date(now.getTime() + 16 * 60_000);
    const next = await createRenderHandler(deps, tinyRenderer)({ period: '2026-05' });
    const recovered = await deps.reportIndex.versions(parsePeriod('2026-06'));
    expect(recovered).toMatchObject([{ version: 1, sequence: (head?.sequence ?? 0) + 1 }]);
    expect(recovered[0]?.previousManifestSha256).toBe(head?.manifestSha256);
    expect(next).toMatchObject({ outcome: 'rendered', sequence: (head?.sequence ?? 0) + 2 });
    expect(next.previousManifestSha256).toBe(recovered[0]?.manifestSha256);
  });

  it('keeps the chain linear when renders of several periods run at once', async () => {
    const periods = ['2026-01', '2026-02', '2026-03', '2026-04'] as Period[];
    for (const period of periods) await saveSnapshot(period, `${period}-28T12:00:00Z`);
    const before = (await deps.reportIndex.chainHead())?.sequence ?? 0;
    const results = await Promise.all(
      periods.map((period) => createRenderHandler(deps, tinyRenderer)({ period })),
    );
    expect(results.map((result) => result.sequence).sort((a, b) => a - b)).toEqual(
      [1, 2, 3, 4].map((n) => before + n),
    );

    const chain = await walkChain();
    expect(chain.map((manifest) => manifest.chain.sequence)).toEqual(chain.map((_, index) => index + 1));
    expect(chain).toHaveLength(before + 4);
    const listed = await deps.reportIndex.inRange(parsePeriod('2026-01'), parsePeriod('2026-12'));
    expect(listed.map((record) => record.sequence).sort((a, b) => a - b)).toEqual(
      chain.map((_, index) => index + 1),
    );
  });
});
