import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReportIndex } from '../../shared/adapters/dynamodb/dynamodb-report-index';
import { reportFileRenderer } from '../../shared/adapters/report/report-file-renderer';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { writeFilesUnder } from '../../shared/cli/write-report-files';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { SOFTWARE_VERSION } from '../../shared/config/software-version';
import { reportDownloadPath } from '../../shared/domain/audit/download-path';
import { IntegrityError, InvalidInputError } from '../../shared/domain/errors';
import { type Period, parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { createRenderHandler, type RenderResult, runRender } from '../../shared/entries/render-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import type { ReportRecord } from '../../shared/ports/report-index';
import { fetchReportFiles } from '../../shared/use-cases/fetch-report-files';
import { listReports } from '../../shared/use-cases/list-reports';
import { reportDownloadUrl } from '../../shared/use-cases/report-download-url';
import { readReportManifest } from '../../shared/use-cases/report-reads';
import { reproduceReport } from '../../shared/use-cases/reproduce-report';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { type VerifyScope, verifyReports } from '../../shared/use-cases/verify-reports';
import { populatedSnapshot } from '../support/populated-snapshot';
import { dyingDocuments, tinyRenderer } from '../support/report-fakes';

const P = (text: string) => parsePeriod(text);
const clock = { now: () => new Date('2026-12-01T09:00:00Z') };

/**
 * A four-month run through the real render handler on the embedded servers (in memory):
 * 2026-07 … 2026-10 rendered once each; 2026-08 gets a newer snapshot and is rendered from it
 * (v2); 2026-07 and 2026-10 are rendered again with --force. Seven reports, one chain.
 */
describe('auditing a multi-month run', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;
  const rendered: RenderResult[] = [];
  const verify = (scope: VerifyScope = { kind: 'all' }) => verifyReports(deps, scope);

  /** Runs `check` with the stored object changed by `change`, then puts the original back. */
  async function withStored(
    key: string,
    change: (bytes: Buffer) => Buffer | undefined,
    check: () => Promise<void>,
  ) {
    const original = await deps.reportObjects.get(key);
    const changed = change(Buffer.from(original));
    if (changed) await deps.reportObjects.put(key, changed);
    else await deps.reportObjects.delete(key);
    try {
      await check();
    } finally {
      await deps.reportObjects.put(key, original);
    }
  }
  const flipOneByte = (bytes: Buffer) => {
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    return bytes;
  };

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    deps = localDependencies(runtime, {
      catalog: defaultCatalog(),
      config: parseProductConfig({ markingBanner: 'CUI' }),
      clock,
    });
    const render = async (period: string, force = false) => {
      rendered.push(
        force
          ? await runRender(deps, { period: parsePeriod(period), force })
          : await createRenderHandler(deps)({ period }),
      );
    };
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
    for (const [index, period] of months.entries()) {
      const next = months[index + 1] ?? '2026-11';
      await storeSnapshot(
        deps,
        populatedSnapshot({ period: P(period), seed: index + 1 }),
        new Date(`${next}-05T12:00:00Z`),
      );
      await render(period);
    }
    // Late submissions change 2026-08: a newer snapshot, rendered as v2.
    await storeSnapshot(
      deps,
      populatedSnapshot({ period: P('2026-08'), seed: 99, missingOffices: [] }),
      new Date('2026-09-20T12:00:00Z'),
    );
    await render('2026-08');
    await render('2026-07', true);
    await render('2026-10', true);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('rendered seven reports on one chain', () => {
    expect(rendered.map((result) => [result.period, result.version, result.sequence])).toEqual([
      ['2026-07', 1, 1],
      ['2026-08', 1, 2],
      ['2026-09', 1, 3],
      ['2026-10', 1, 4],
      ['2026-08', 2, 5],
      ['2026-07', 2, 6],
      ['2026-10', 2, 7],
    ]);
  });

  it('lists every version in period order, from the index alone', async () => {
    const all = await listReports({ reportIndex: deps.reportIndex }, {});
    expect(all.reports.map((record) => `${record.period} v${record.version} #${record.sequence}`)).toEqual([
      '2026-07 v1 #1',
      '2026-07 v2 #6',
      '2026-08 v1 #2',
      '2026-08 v2 #5',
      '2026-09 v1 #3',
      '2026-10 v1 #4',
      '2026-10 v2 #7',
    ]);
    const first = all.reports[0] as ReportRecord;
    expect(first.manifestSha256).toBe(rendered[0]?.manifest.sha256);
    expect(first.files.map((file) => [file.name, file.sha256])).toEqual(
      rendered[0]?.files.map((file) => [file.name, file.sha256]),
    );
    const some = await listReports(
      { reportIndex: deps.reportIndex },
      { from: P('2026-08'), to: P('2026-09') },
    );
    expect(some.reports.map((record) => `${record.period} v${record.version}`)).toEqual([
      '2026-08 v1',
      '2026-08 v2',
      '2026-09 v1',
    ]);
    await expect(
      listReports({ reportIndex: deps.reportIndex }, { from: P('2026-10'), to: P('2026-08') }),
    ).rejects.toThrow(
      new InvalidInputError({
        rule: 'reports.range',
        message: '--from 2026-10 is after --to 2026-08',
        column: '--from',
      }),
    );
  });

  it('verifies the whole chain and every file: all good', async () => {
    const result = await verify();
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({
      scope: 'all',
      ok: true,
      firstFailure: null,
      head: { sequence: 7, period: '2026-10', version: 2 },
      counts: { reports: 7, manifests: 7, links: 7, files: 28, snapshots: 5, indexItems: 7, findings: 0 },
    });
    expect(result.reports.map((report) => [report.sequence, report.ok])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((sequence) => [sequence, true]),
    );
  });

  it('verifies one period: its versions, and the chain from the head down to them', async () => {
    const result = await verify({ kind: 'period', period: P('2026-08') });
    expect(result).toMatchObject({ ok: true, scope: '2026-08' });
    expect(result.reports.map((report) => `${report.period} v${report.version}`)).toEqual([
      '2026-08 v1',
      '2026-08 v2',
    ]);
    // Links from the head (#7) down to #1, the manifest before 2026-08 v1 (#2).
    expect(result.counts).toMatchObject({ reports: 2, links: 7, files: 8, snapshots: 2, indexItems: 2 });
    await expect(verify({ kind: 'period', period: P('2026-05') })).rejects.toThrow(
      'no report has been rendered for 2026-05',
    );
  });

  it('names the one file whose byte changed, and only it', async () => {
    const target = rendered[1]?.files.find((file) => file.name === 'workbook.xlsx');
    const key = target?.key as string;
    expect(key).toBe('reports/2026-08/v0001/workbook.xlsx');
    await withStored(key, flipOneByte, async () => {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.findings).toHaveLength(1);
      expect(result.firstFailure).toMatchObject({
        kind: 'file-altered',
        key,
        sequence: 2,
        period: '2026-08',
      });
      expect(result.firstFailure?.message).toMatch(
        new RegExp(
          `^${key} has SHA-256 [0-9a-f]{64} \\(\\d+ bytes\\), but the manifest of 2026-08 v0001 \\(#2\\) records ${target?.sha256} \\(\\d+ bytes\\): the file was altered$`,
        ),
      );
      expect(result.reports.find((report) => report.sequence === 2)?.ok).toBe(false);
      expect((await verify({ kind: 'period', period: P('2026-08') })).firstFailure?.key).toBe(key);
      // Another period's verification does not read that file.
      expect((await verify({ kind: 'period', period: P('2026-09') })).ok).toBe(true);
    });
    expect((await verify()).ok).toBe(true);
  });

  it('names every kind of report file and the snapshot when they change', async () => {
    for (const file of rendered[4]?.files ?? []) {
      await withStored(file.key, flipOneByte, async () => {
        expect((await verify()).firstFailure).toMatchObject({
          kind: 'file-altered',
          key: file.key,
          sequence: 5,
        });
      });
      await withStored(
        file.key,
        () => undefined,
        async () => {
          expect((await verify()).firstFailure).toMatchObject({
            kind: 'file-missing',
            key: file.key,
            sequence: 5,
          });
        },
      );
    }
    const manifest = await readReportManifest(
      deps.reportObjects,
      (await deps.reportIndex.versions(P('2026-09')))[0] as ReportRecord,
    );
    await withStored(
      manifest.snapshot.key,
      (bytes) => Buffer.concat([bytes, Buffer.from(' ')]),
      async () => {
        expect((await verify()).firstFailure).toMatchObject({
          kind: 'snapshot-altered',
          key: manifest.snapshot.key,
          sequence: 3,
        });
      },
    );
  });

  it('breaks the chain at a removed manifest and names it, then checks on past it', async () => {
    const key = rendered[2]?.manifest.key as string;
    expect(key).toBe('reports/2026-09/v0001/manifest.json');
    await withStored(
      key,
      () => undefined,
      async () => {
        const result = await verify();
        expect(result.firstFailure).toMatchObject({ kind: 'manifest-missing', key, sequence: 3 });
        expect(result.firstFailure?.message).toBe(
          `chain broken at #3: ${key} is missing, but the manifest of 2026-10 v0001 (#4) names it with SHA-256 ${rendered[2]?.manifest.sha256}`,
        );
        // Only that link: the walk continues below it through the index, and every other report checks out.
        expect(result.findings).toHaveLength(1);
        expect(result.counts).toMatchObject({ reports: 7, links: 7 });
      },
    );
    // The head's own manifest.
    const headKey = rendered[6]?.manifest.key as string;
    await withStored(
      headKey,
      () => undefined,
      async () => {
        const result = await verify();
        expect(result.firstFailure).toMatchObject({ kind: 'manifest-missing', key: headKey, sequence: 7 });
        expect(result.firstFailure?.message).toContain('but the chain head names it');
      },
    );
  });

  it('breaks the chain at an altered manifest and names it, whether it still parses or not', async () => {
    const key = rendered[3]?.manifest.key as string;
    const recorded = rendered[3]?.manifest.sha256;
    // A consistent-looking edit: another generated-at date.
    await withStored(
      key,
      (bytes) =>
        Buffer.from(
          bytes.toString('utf8').replace('"2026-11-05T12:00:00.000Z"', '"2026-11-06T12:00:00.000Z"'),
        ),
      async () => {
        const result = await verify();
        expect(result.findings.map((finding) => [finding.kind, finding.key])).toEqual([
          ['link-broken', key],
          ['manifest-altered', key],
        ]);
        expect(result.firstFailure?.message).toMatch(
          new RegExp(
            `^chain broken at #4: ${key} has SHA-256 [0-9a-f]{64}, but the manifest of 2026-08 v0002 \\(#5\\) records ${recorded}$`,
          ),
        );
      },
    );
    // Truncated: no longer a manifest; the walk goes on below it through the index.
    await withStored(
      key,
      (bytes) => bytes.subarray(0, 100),
      async () => {
        const result = await verify();
        expect(result.findings.map((finding) => [finding.kind, finding.key])).toEqual([
          ['link-broken', key],
          ['manifest-unreadable', key],
        ]);
        expect(result.counts.reports).toBe(7);
      },
    );
    // The first manifest, which names no previous one.
    const firstKey = rendered[0]?.manifest.key as string;
    await withStored(firstKey, flipOneByte, async () => {
      expect((await verify()).firstFailure).toMatchObject({
        kind: 'link-broken',
        key: firstKey,
        sequence: 1,
      });
    });
    expect((await verify()).ok).toBe(true);
  });

  it('accounts for every index item: a removed one and one beside the chain are both named', async () => {
    const table = runtime.names.tableName;
    const documents = runtime.clients.documents;
    const itemKey = { pk: 'REPORT#2026-09', sk: 'V#0001' };
    const item = (await documents.send(new GetCommand({ TableName: table, Key: itemKey }))).Item;
    expect(item).toBeDefined();
    await documents.send(new DeleteCommand({ TableName: table, Key: itemKey }));
    try {
      const result = await verify();
      expect(result.findings.map((finding) => [finding.kind, finding.sequence])).toEqual([
        ['index-missing', 3],
      ]);
    } finally {
      await documents.send(new PutCommand({ TableName: table, Item: item }));
    }

    // An index item the chain never reaches (what a forged "latest version" would look like).
    const forged = structuredClone(item) as Record<string, unknown> & { record: ReportRecord };
    Object.assign(forged, { sk: 'V#0009', gsi1sk: '2026-09#0009' });
    forged.record = { ...forged.record, version: 9, sequence: 8 };
    await documents.send(new PutCommand({ TableName: table, Item: forged }));
    try {
      const result = await verify();
      expect(result.findings.map((finding) => [finding.kind, finding.sequence])).toEqual([
        ['index-orphan', 8],
      ]);
      expect(result.firstFailure?.message).toBe(
        'the report index lists 2026-09 v0009 as #8 (reports/2026-09/v0001/manifest.json), but the chain from the head does not reach it',
      );
      // It is named when its period is verified too.
      expect((await verify({ kind: 'period', period: P('2026-09') })).firstFailure?.kind).toBe(
        'index-orphan',
      );
    } finally {
      await documents.send(
        new DeleteCommand({ TableName: table, Key: { pk: 'REPORT#2026-09', sk: 'V#0009' } }),
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('reproduces every period and version of the run byte for byte', async () => {
    for (const result of rendered) {
      const reproduction = await reproduceReport(
        { ...deps, renderer: reportFileRenderer },
        { period: P(result.period), version: result.version, softwareVersion: SOFTWARE_VERSION },
      );
      expect(reproduction.matches, `${result.period} v${result.version}`).toBe(true);
      expect(reproduction.files.map((file) => [file.name, file.reproducedSha256])).toEqual(
        result.files.map((file) => [file.name, file.sha256]),
      );
      // The banner the manifest recorded, what a later version replaces, and the snapshot it names
      // (2026-08 v1 is not the latest).
      expect(reproduction.renderOptions.markingBanner).toBe('CUI');
      expect(reproduction.renderOptions.supersedes?.version).toBe(
        result.version > 1 ? result.version - 1 : undefined,
      );
      expect(reproduction.renderOptions.taggedPdf).toBe(true);
      expect(reproduction.snapshot.version).toBe(result.snapshot.version);
    }
    expect(rendered[1]?.snapshot.version).toBe(1);
    expect(rendered[4]?.snapshot.version).toBe(2);
  });

  it('says which stored file a reproduction does not match', async () => {
    const pdf = rendered[2]?.files.find((file) => file.name === 'brief.pdf');
    await withStored(pdf?.key as string, flipOneByte, async () => {
      const reproduction = await reproduceReport(
        { ...deps, renderer: reportFileRenderer },
        { period: P('2026-09'), softwareVersion: SOFTWARE_VERSION },
      );
      expect(reproduction.matches).toBe(false);
      expect(reproduction.files.map((file) => [file.name, file.matches])).toEqual([
        ['brief.pdf', false],
        ['workbook.xlsx', true],
        ['brief.html', true],
        ['report.stratml.xml', true],
      ]);
      expect(reproduction.files[0]?.difference).toContain(
        'the stored file was altered (rendering again gives the recorded bytes)',
      );
    });
  });

  it('gets byte-identical files, and refuses a tampered one without writing anything', async () => {
    const fetched = await fetchReportFiles(deps, { period: P('2026-10'), version: 1 });
    expect(fetched.files.map((file) => file.name)).toEqual([
      'brief.pdf',
      'workbook.xlsx',
      'brief.html',
      'report.stratml.xml',
      'manifest.json',
    ]);
    for (const file of fetched.files)
      expect(file.bytes.equals(await deps.reportObjects.get(file.key))).toBe(true);
    expect(sha256Hex(fetched.files[4]?.bytes as Buffer)).toBe(rendered[3]?.manifest.sha256);

    const out = mkdtempSync(join(tmpdir(), 'audit-get-'));
    const paths = await writeFilesUnder(
      out,
      fetched.files.map((file) => ({
        segments: reportDownloadPath('2026-10', 1, file.name),
        bytes: file.bytes,
      })),
      { force: false },
    );
    expect(paths).toEqual(
      ['brief.pdf', 'workbook.xlsx', 'brief.html', 'report.stratml.xml', 'manifest.json'].map((name) =>
        join(out, '2026-10', 'v0001', name),
      ),
    );

    const html = rendered[3]?.files.find((file) => file.name === 'brief.html');
    await withStored(html?.key as string, flipOneByte, async () => {
      const attempt = fetchReportFiles(deps, { period: P('2026-10'), version: 1 });
      await expect(attempt).rejects.toBeInstanceOf(IntegrityError);
      await expect(attempt).rejects.toThrow(`${html?.key} has SHA-256`);
      // Only the PDF was asked for: it is fine, and is handed out.
      const pdfOnly = await fetchReportFiles(deps, { period: P('2026-10'), version: 1, formats: ['pdf'] });
      expect(pdfOnly.files.map((file) => file.name)).toEqual(['brief.pdf']);
    });
    const manifestKey = rendered[3]?.manifest.key as string;
    await withStored(manifestKey, flipOneByte, async () => {
      await expect(fetchReportFiles(deps, { period: P('2026-10'), version: 1 })).rejects.toThrow(
        `${manifestKey} has SHA-256`,
      );
    });
  });

  it('makes a presigned URL the local S3 server answers with the stored bytes', async () => {
    for (const format of ['pdf', 'xlsx', 'html', 'manifest'] as const) {
      const link = await reportDownloadUrl(
        { ...deps, clock },
        { period: P('2026-08'), format, expiresInSeconds: 3600 },
      );
      expect(link).toMatchObject({
        period: '2026-08',
        version: 2,
        format,
        expiresAt: '2026-12-01T10:00:00.000Z',
      });
      expect(new URL(link.url).hostname).toBe('127.0.0.1');
      expect(link.url).toContain('X-Amz-Expires=3600');
      const response = await fetch(link.url);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(await deps.reportObjects.get(link.key))).toBe(true);
      expect(sha256Hex(bytes)).toBe(link.sha256);
    }
    const week = await reportDownloadUrl(
      { ...deps, clock },
      { period: P('2026-08'), version: 1, format: 'pdf', expiresInSeconds: 604_800 },
    );
    expect(week.url).toContain('X-Amz-Expires=604800');
    expect(week.key).toBe('reports/2026-08/v0001/brief.pdf');
  });

  it('wrote nothing while auditing: the same keys and index as after the run', async () => {
    const keys: string[] = [];
    for await (const object of deps.reportObjects.list('reports/')) keys.push(object.key);
    expect(keys).toHaveLength(7 * 5);
    expect((await listReports(deps, {})).reports).toHaveLength(7);
  });
});

describe('verifying while a render is publishing', () => {
  let runtime: LocalRuntime;
  afterAll(async () => {
    await runtime?.close();
  });

  it('does not count the version being published against the chain, but does count a forged one', async () => {
    runtime = await openLocalRuntime();
    const now = new Date('2026-12-01T09:00:00Z');
    const deps = localDependencies(runtime, {
      catalog: defaultCatalog(),
      config: parseProductConfig({}),
      clock: { now: () => now },
    });
    for (const period of ['2026-09', '2026-10'] as Period[])
      await storeSnapshot(deps, populatedSnapshot({ period }), new Date(`${period}-28T12:00:00Z`));
    await createRenderHandler(deps, tinyRenderer)({ period: '2026-09' });

    // The render of 2026-10 dies right after writing its index item, before moving the head.
    let dead = false;
    const documents = dyingDocuments(runtime.clients.documents, () => dead);
    const watched = new Proxy(documents, {
      get(target, property, receiver) {
        if (property === 'send')
          return async (command: { input?: { Item?: { entity?: string } } }) => {
            const result = await (target.send as (c: unknown) => Promise<unknown>)(command);
            if (command.input?.Item?.entity === 'Report') dead = true;
            return result;
          };
        return Reflect.get(target, property, receiver);
      },
    });
    const dying = new DynamoDbReportIndex(watched, runtime.names.tableName);
    await expect(
      createRenderHandler({ ...deps, reportIndex: dying }, tinyRenderer)({ period: '2026-10' }),
    ).rejects.toThrow('the process died');

    const result = await verifyReports(deps, { kind: 'all' });
    expect(result.ok).toBe(true);
    expect(result.pending).toMatchObject({ period: '2026-10', version: 1, sequence: 2 });
    expect(result.counts).toMatchObject({ reports: 1, indexItems: 2 });
  });
});
