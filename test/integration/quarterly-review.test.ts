import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { runCli } from '../../shared/cli/run-cli';
import { parseProductConfig } from '../../shared/config/product-config';
import { type DemoRun, runDemo } from '../../shared/demo/run-demo';
import { parsePeriod } from '../../shared/domain/period';
import { type QuarterKey, quarterKeyOf } from '../../shared/domain/report/report-period';
import { sha256Hex } from '../../shared/domain/sha256';
import { createNotifyHandler } from '../../shared/entries/notify-entry';
import { createRenderHandler } from '../../shared/entries/render-entry';
import { createReviewHandler } from '../../shared/entries/review-entry';
import { createRollupHandler } from '../../shared/entries/rollup-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { runMonthEnd } from '../../shared/local/month-end';
import {
  temporaryDataDirectory,
  withDataDirectory,
  withTamperedReportObject,
} from '../support/local-runtime';

/*
 * Issue 16 item 1 end to end, on the embedded servers through the real handlers: a year of the
 * demo produces the quarterly review packs at month end; the packs are versions on the one
 * manifest chain that `reports verify` walks and `reports reproduce` renders again byte for byte.
 */

const catalog = defaultCatalog();
const config = parseProductConfig({ mail: { leadership: ['chief@agency.example'] } });
const PACKS = ['FY2026-Q1', 'FY2026-Q2', 'FY2026-Q3', 'FY2026-Q4'];

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('quarterly review packs in the report chain', () => {
  const dataDir = temporaryDataDirectory('quarterly-review');
  const global = ['--data-dir', dataDir];
  let year: DemoRun;

  const withRuntime = <T>(work: (runtime: LocalRuntime) => Promise<T>) => withDataDirectory(dataDir, work);
  const depsOf = (runtime: LocalRuntime) => localDependencies(runtime, { catalog, config });

  /** What a command could have written: every report index item, the chain head, the e-mails. */
  const storedState = () =>
    withRuntime(async (runtime) => {
      const deps = depsOf(runtime);
      const records = await deps.reportIndex.inRange(parsePeriod('2000-01'), 'FY2100-Q4' as QuarterKey);
      return {
        records: records.map((record) => `${record.period} v${record.version} ${record.manifestSha256}`),
        head: await deps.reportIndex.chainHead(),
        emails: readdirSync(runtime.outboxDirectory).length,
      };
    });

  const withTampered = (key: string, check: () => Promise<void>) =>
    withTamperedReportObject(dataDir, key, check);

  beforeAll(async () => {
    year = await withRuntime((runtime) =>
      runDemo(
        runtime,
        { catalog, config },
        { now: new Date('2026-11-20T12:00:00Z'), progress: { step: () => {} } },
      ),
    );
  }, 180_000);

  it('a year of demo data produces four packs, each after its quarter’s last month, rendered and mailed once', async () => {
    expect(year.reviews).toEqual(PACKS.map((quarter) => ({ quarter, version: 1 })));
    const withPack = year.months.filter((month) => month.review !== null);
    expect(withPack.map((month) => [month.period, month.review?.quarter, month.review?.mailed])).toEqual([
      ['2025-12', 'FY2026-Q1', 1],
      ['2026-03', 'FY2026-Q2', 1],
      ['2026-06', 'FY2026-Q3', 1],
      ['2026-09', 'FY2026-Q4', 1],
    ]);

    const listed = await cli([
      ...global,
      'reports',
      'list',
      '--from',
      'FY2026-Q1',
      '--to',
      'FY2027-Q4',
      '--json',
    ]);
    expect(listed.code, listed.err).toBe(0);
    const records = JSON.parse(listed.out) as {
      period: string;
      version: number;
      files: { name: string }[];
    }[];
    expect(records.map((record) => record.period)).toEqual(PACKS);
    for (const record of records)
      expect(record.files.map((file) => file.name)).toEqual([
        'review.pdf',
        'review.xlsx',
        'review.html',
        'inputs.json',
      ]);

    // The e-mails, read by another library than the one that wrote them: the PDF and the HTML
    // attached, byte for byte the stored files, and the workbook.
    await withRuntime(async (runtime) => {
      const deps = depsOf(runtime);
      const mails = await Promise.all(
        readdirSync(runtime.outboxDirectory)
          .filter((name) => name.endsWith('.eml'))
          .map((name) => simpleParser(readFileSync(join(runtime.outboxDirectory, name)))),
      );
      const packMails = mails.filter((mail) => /^Quarterly performance review, FY/.test(mail.subject ?? ''));
      expect(packMails.map((mail) => mail.subject?.slice(0, 40)).sort()).toEqual(
        PACKS.map((quarter) => `Quarterly performance review, ${quarter}:`),
      );
      const q2 = packMails.find((mail) => mail.subject?.includes('FY2026-Q2')) ?? expect.unreachable();
      expect(q2.to).toMatchObject({ text: 'chief@agency.example' });
      expect(q2.attachments.map((attachment) => attachment.filename)).toEqual([
        'quarterly-review-FY2026-Q2-v0001.pdf',
        'quarterly-review-FY2026-Q2-v0001.html',
        'quarterly-review-FY2026-Q2-v0001.xlsx',
      ]);
      const record = (await deps.reportIndex.latest('FY2026-Q2' as QuarterKey)) ?? expect.unreachable();
      const stored = (name: string) => record.files.find((file) => file.name === name)?.sha256;
      expect(q2.attachments.map((attachment) => sha256Hex(attachment.content))).toEqual([
        stored('review.pdf'),
        stored('review.html'),
        stored('review.xlsx'),
      ]);
      expect(q2.text).toContain('FY2026-Q2');
      expect(q2.text).toContain(`reports verify FY2026-Q2`);
    });
  });

  it('reports verify walks the packs with the monthly reports: their four files and the snapshots of their months', async () => {
    const all = await cli([...global, 'reports', 'verify', '--json']);
    expect(all.code, all.err).toBe(0);
    const result = JSON.parse(all.out) as {
      ok: boolean;
      counts: { reports: number; files: number; snapshots: number };
      reports: { period: string; ok: boolean }[];
    };
    expect(result.ok).toBe(true);
    // 13 monthly reports (one month reported twice) and four packs, on one chain.
    expect(result.counts.reports).toBe(17);
    expect(
      result.reports.filter((report) => report.period.startsWith('FY')).map((report) => report.period),
    ).toEqual(PACKS);
    // 13 monthly reports × 4 files and 4 packs × 4 files.
    expect(result.counts.files).toBe(13 * 4 + 4 * 4);

    const one = await cli([...global, 'reports', 'verify', 'FY2026-Q2']);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toContain('FY2026-Q2 v0001  ok');
  });

  it('reports get and url address a pack by its quarter: its four files and manifest, checked first', async () => {
    const out = join(dataDir, 'packs-out');
    const fetched = await cli([...global, 'reports', 'get', 'FY2026-Q3', '--out', out, '--json']);
    expect(fetched.code, fetched.err).toBe(0);
    const written = JSON.parse(fetched.out) as {
      period: string;
      files: { name: string; path: string; sha256: string }[];
    };
    expect(written.period).toBe('FY2026-Q3');
    expect(written.files.map((file) => file.name)).toEqual([
      'review.pdf',
      'review.xlsx',
      'review.html',
      'inputs.json',
      'manifest.json',
    ]);
    for (const file of written.files) {
      expect(file.path).toBe(join(out, 'FY2026-Q3', 'v0001', file.name));
      expect(sha256Hex(readFileSync(file.path))).toBe(file.sha256);
    }
    const url = await cli([...global, 'reports', 'url', 'FY2026-Q3', '--format', 'inputs', '--json']);
    expect(url.code, url.err).toBe(0);
    expect(JSON.parse(url.out)).toMatchObject({
      period: 'FY2026-Q3',
      name: 'inputs.json',
      key: 'reports/FY2026-Q3/v0001/inputs.json',
      sha256: written.files.find((file) => file.name === 'inputs.json')?.sha256,
    });
    // A pack has no StratML file; a month has no inputs: said, exit 2.
    const none = await cli([...global, 'reports', 'url', 'FY2026-Q3', '--format', 'stratml']);
    expect(none.code).toBe(2);
    expect(none.err.trim()).toBe(
      'error: a quarterly review pack has no stratml file: its formats are pdf, xlsx, html, inputs and manifest',
    );
  });

  it('reports reproduce renders a pack again from its stored inputs, byte for byte', async () => {
    const reproduced = await cli([...global, 'reports', 'reproduce', 'FY2026-Q3', '--json']);
    expect(reproduced.code, reproduced.err).toBe(0);
    const result = JSON.parse(reproduced.out) as {
      matches: boolean;
      files: { name: string; matches: boolean; recordedSha256: string; reproducedSha256: string }[];
    };
    expect(result.matches).toBe(true);
    expect(result.files.map((file) => file.name)).toEqual([
      'review.pdf',
      'review.xlsx',
      'review.html',
      'inputs.json',
    ]);
    for (const file of result.files) expect(file.reproducedSha256).toBe(file.recordedSha256);
  });

  it('finds a stored pack file altered: verify names it and exits 2, get writes nothing, reproduce refuses altered inputs', async () => {
    const before = await storedState();
    await withTampered('reports/FY2026-Q2/v0001/review.pdf', async () => {
      const verified = await cli([...global, 'reports', 'verify']);
      expect(verified.code).toBe(2);
      expect(verified.err).toMatch(
        /reports\/FY2026-Q2\/v0001\/review\.pdf has SHA-256 [0-9a-f]{64} .*\[audit\.file-altered\]/,
      );
      const reproduced = await cli([...global, 'reports', 'reproduce', 'FY2026-Q2']);
      expect(reproduced.code).toBe(2);
      expect(reproduced.out).toMatch(
        /review\.pdf +DIFFERS .*the stored file was altered \(rendering again gives the recorded bytes\)/,
      );
    });
    await withTampered('reports/FY2026-Q1/v0001/inputs.json', async () => {
      const verified = await cli([...global, 'reports', 'verify', 'FY2026-Q1']);
      expect(verified.code).toBe(2);
      expect(verified.err).toContain('reports/FY2026-Q1/v0001/inputs.json has SHA-256');
      const reproduced = await cli([...global, 'reports', 'reproduce', 'FY2026-Q1']);
      expect(reproduced.code).toBe(2);
      expect(reproduced.err).toContain(
        'the stored inputs were altered, so the pack cannot be rendered again from them',
      );
    });
    expect(await storedState()).toEqual(before);
    expect((await cli([...global, 'reports', 'verify'])).code).toBe(0);
  });

  it('the month-end workflow renders and mails a pack after a quarter’s last month, and not after any other', async () => {
    await withRuntime(async (runtime) => {
      const deps = depsOf(runtime);
      const handlers = {
        rollup: createRollupHandler(deps),
        render: createRenderHandler(deps),
        notify: createNotifyHandler(deps),
        review: createReviewHandler(deps),
      };
      const emails = () => readdirSync(runtime.outboxDirectory).length;

      // Not a quarter's last month: no pack, no e-mail of one, and no pack stored for its quarter.
      const october = await runMonthEnd(handlers, { period: '2026-10' });
      expect(october.review).toEqual({ period: '2026-10', quarter: null, outcome: 'not-quarter-end' });
      expect(october.reviewMail).toBeUndefined();
      expect(await deps.reportIndex.latest(quarterKeyOf({ fiscalYear: 2027, quarter: 1 }))).toBeUndefined();

      // The last month of FY2026-Q4 again: the pack is there and was mailed; nothing is done twice.
      const before = emails();
      const september = await runMonthEnd(handlers, { period: '2026-09' });
      expect(september.review).toMatchObject({
        quarter: 'FY2026-Q4',
        outcome: 'already-rendered',
        version: 1,
      });
      expect(september.reviewMail).toMatchObject({
        quarter: 'FY2026-Q4',
        outcome: 'already-sent',
        version: 1,
      });
      expect(emails()).toBe(before);
    });
  });

  it('review --quarter publishes nothing for unchanged inputs, and says so', async () => {
    const before = await storedState();
    const again = await cli([...global, 'review', '--quarter', 'FY2026-Q4', '--json']);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({
      quarter: 'FY2026-Q4',
      outcome: 'already-rendered',
      version: 1,
    });
    expect(await storedState()).toEqual(before);
  });

  it('review --quarter refuses a malformed quarter naming rule quarter.format (exit 2, nothing stored)', async () => {
    const before = await storedState();
    for (const text of ['2026-Q1', 'FY2027-Q5', 'FY27-Q1', '2026-10']) {
      const refused = await cli([...global, 'review', '--quarter', text]);
      expect(refused.code, text).toBe(2);
      expect(refused.err.trim()).toBe(
        `error: option --quarter: "${text}" is not a fiscal quarter: use FY<year>-Q<1-4>, e.g. FY2027-Q1 (October–December 2026 when the fiscal year starts in October) [quarter.format]`,
      );
    }
    expect(await storedState()).toEqual(before);
  });

  it('review --quarter of a quarter with no monthly snapshot says so (exit 2, nothing stored)', async () => {
    const before = await storedState();
    const refused = await cli([...global, 'review', '--quarter', 'FY2027-Q3']);
    expect(refused.code).toBe(2);
    expect(refused.err.trim()).toBe(
      'error: no rollup snapshot for any month of FY2027-Q3 (2027-04, 2027-05, 2027-06): run `strategy-report rollup --period 2027-06` first',
    );
    expect(await storedState()).toEqual(before);
  });

  it('review --help says what it does', async () => {
    const help = await cli(['review', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--quarter <FY-Q>');
    expect(help.out).toContain('same hash chain as the monthly reports');
  });

  afterAll(() => undefined);
});
