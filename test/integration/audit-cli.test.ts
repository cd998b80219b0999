import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { runCli } from '../../shared/cli/run-cli';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { localDependencies } from '../../shared/local/local-dependencies';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import type { ReportRecord } from '../../shared/ports/report-index';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import {
  temporaryDataDirectory,
  withDataDirectory,
  withTamperedReportObject,
} from '../support/local-runtime';
import { populatedSnapshot } from '../support/populated-snapshot';
import { runBin } from '../support/run-bin';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
}

/** The error output is exactly one line starting `error: `. */
function oneErrorLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  return lines[0] as string;
}

describe('strategy-report reports … and history on the local stores', () => {
  const dataDir = temporaryDataDirectory('audit-cli');
  const global = ['--data-dir', dataDir];
  const workDir = mkdtempSync(join(tmpdir(), 'audit-cli-out-'));
  let records: ReportRecord[];

  const withRuntime = <T>(work: (runtime: LocalRuntime) => Promise<T>) => withDataDirectory(dataDir, work);
  const store = (runtime: LocalRuntime) =>
    localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
  const withTampered = (key: string, check: () => Promise<void>) =>
    withTamperedReportObject(dataDir, key, check);

  beforeAll(async () => {
    await withRuntime(async (runtime) => {
      const deps = store(runtime);
      for (const period of ['2026-08', '2026-09'])
        await storeSnapshot(
          deps,
          populatedSnapshot({ period: parsePeriod(period) }),
          new Date(`${period}-28T12:00:00Z`),
        );
      const attempt = {
        office: 'OFO',
        period: parsePeriod('2026-10'),
        sha256: 'a'.repeat(64),
        size: 12_345,
        source: { bucket: 'uploads', key: 'uploads/OFO/2026-10/OFO.xlsx' },
      };
      await deps.history.record({
        ...attempt,
        submissionId: 's1',
        receivedAt: '2026-11-03T10:00:00.000Z',
        uploader: 'intern@agency.example',
        outcome: 'rejected',
        problems: [
          { rule: 'status.allowed-values', message: '"Done" is not a status', sheet: 'Progress', row: 3 },
        ],
        problemCount: 1,
      });
      await deps.history.record({
        ...attempt,
        submissionId: 's2',
        sha256: 'b'.repeat(64),
        receivedAt: '2026-11-04T10:00:00.000Z',
        uploader: 'clerk@agency.example',
        outcome: 'accepted',
        revision: 1,
        rowCount: 12,
      });
    });
    for (const args of [
      ['--period', '2026-08'],
      ['--period', '2026-09'],
      ['--period', '2026-08', '--force'],
    ]) {
      const rendered = await cli([...global, 'render', ...args]);
      expect(rendered.code, rendered.err).toBe(0);
    }
    const listed = await cli([...global, 'reports', 'list', '--json']);
    expect(listed.code, listed.err).toBe(0);
    records = JSON.parse(listed.out);
  });

  it('lists every version in period order, with hashes', async () => {
    expect(records.map((record) => [record.period, record.version, record.sequence])).toEqual([
      ['2026-08', 1, 1],
      ['2026-08', 2, 3],
      ['2026-09', 1, 2],
    ]);
    expect(records[0]?.files.map((file) => file.name)).toEqual([
      'brief.pdf',
      'workbook.xlsx',
      'brief.html',
      'report.stratml.xml',
    ]);
    const text = await cli([...global, 'reports', 'list', '--from', '2026-09']);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toBe('1 report version from 2026-09 to 2100-12:');
    expect(text.out).toContain(`2026-09 v0001  #2  generated 2026-09-28T12:00:00.000Z`);
    expect(text.out).toContain(`manifest sha256 ${records[2]?.manifestSha256}`);
    const bad = await cli([...global, 'reports', 'list', '--from', '2026-13']);
    expect(bad.code).toBe(2);
    expect(oneErrorLine(bad.err)).toContain('[report.period]');
    const backwards = await cli([...global, 'reports', 'list', '--from', '2026-09', '--to', '2026-08']);
    expect(backwards.code).toBe(2);
    expect(oneErrorLine(backwards.err)).toBe(
      'error: option --from: --from 2026-09 is after --to 2026-08 [reports.range]',
    );
  });

  it('verifies everything, or one period, and exits 0', async () => {
    const all = await cli([...global, 'reports', 'verify']);
    expect(all.code, all.err).toBe(0);
    expect(all.err).toBe('');
    expect(all.out).toContain(
      'verified the whole chain, from the head (#3, 2026-08 v0002) back to the first report:',
    );
    expect(all.out).toContain(
      'checked 3 reports, 3 manifests, 3 links, 12 files, 2 snapshots, 3 index items: every hash matches.',
    );
    const json = await cli([...global, 'reports', 'verify', '--all', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ scope: 'all', ok: true, firstFailure: null, findings: [] });
    const one = await cli([...global, 'reports', 'verify', '2026-09']);
    expect(one.code).toBe(0);
    expect(one.out).toContain('verified every version of 2026-09 and the chain from the head down to it:');
  });

  it('exits 2 with one line for a bad or empty scope', async () => {
    const both = await cli([...global, 'reports', 'verify', '2026-08', '--all']);
    expect(both.code).toBe(2);
    expect(oneErrorLine(both.err)).toBe('error: give a PERIOD or --all, not both [verify.scope]');
    const none = await cli([...global, 'reports', 'verify', '2026-05']);
    expect(none.code).toBe(2);
    expect(oneErrorLine(none.err)).toBe('error: no report has been rendered for 2026-05');
    const bad = await cli([...global, 'reports', 'verify', '26-05']);
    expect(bad.code).toBe(2);
    expect(oneErrorLine(bad.err)).toContain('[report.period]');
  });

  it('gets byte-identical files, refuses to overwrite them, and replaces them with --force', async () => {
    const out = join(workDir, 'get');
    const got = await cli([...global, 'reports', 'get', '2026-08', '--out', out, '--json']);
    expect(got.code, got.err).toBe(0);
    const answer = JSON.parse(got.out);
    expect(answer).toMatchObject({ period: '2026-08', version: 2, sequence: 3 });
    const folder = join(out, '2026-08', 'v0002');
    const latest = records[1] as ReportRecord;
    for (const file of latest.files)
      expect(sha256Hex(readFileSync(join(folder, file.name))), file.name).toBe(file.sha256);
    const manifestBytes = readFileSync(join(folder, 'manifest.json'));
    expect(sha256Hex(manifestBytes)).toBe(latest.manifestSha256);
    expect(JSON.parse(manifestBytes.toString()).chain.previous.sha256).toBe(records[2]?.manifestSha256);
    const before = statSync(join(folder, 'brief.pdf')).mtimeMs;

    const again = await cli([...global, 'reports', 'get', '2026-08', '--out', out]);
    expect(again.code).toBe(2);
    expect(oneErrorLine(again.err)).toBe(
      `error: ${join(folder, 'brief.pdf')}: the file already exists; nothing was written (pass --force to replace it) [get.exists]`,
    );
    expect(statSync(join(folder, 'brief.pdf')).mtimeMs).toBe(before);
    const forced = await cli([...global, 'reports', 'get', '2026-08', '--out', out, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out.split('\n')[0]).toBe(
      '2026-08 v0002 (#3): 5 files checked against the manifest and written',
    );

    const one = await cli([
      ...global,
      'reports',
      'get',
      '2026-08',
      '--version',
      'v1',
      '--format',
      'xlsx',
      '--out',
      out,
    ]);
    expect(one.code, one.err).toBe(0);
    expect(sha256Hex(readFileSync(join(out, '2026-08', 'v0001', 'workbook.xlsx')))).toBe(
      records[0]?.files.find((file) => file.name === 'workbook.xlsx')?.sha256,
    );
    expect(existsSync(join(out, '2026-08', 'v0001', 'brief.pdf'))).toBe(false);
  });

  it('exits 2 with one line for a missing version, a bad version or format, and no --out', async () => {
    const missing = await cli([...global, 'reports', 'get', '2026-08', '--version', '9', '--out', workDir]);
    expect(missing.code).toBe(2);
    expect(oneErrorLine(missing.err)).toBe(
      'error: there is no report 2026-08 v0009: 2026-08 has v0001, v0002',
    );
    const badVersion = await cli([
      ...global,
      'reports',
      'get',
      '2026-08',
      '--version',
      'latest',
      '--out',
      workDir,
    ]);
    expect(badVersion.code).toBe(2);
    expect(oneErrorLine(badVersion.err)).toContain('[report.version]');
    const badFormat = await cli([
      ...global,
      'reports',
      'get',
      '2026-08',
      '--format',
      'docx',
      '--out',
      workDir,
    ]);
    expect(badFormat.code).toBe(2);
    // A usage mistake: commander's one-line error, then its hint to run --help.
    expect(badFormat.err.split('\n')[0]).toBe(
      "error: option '--format <format>' argument 'docx' is invalid. Allowed choices are pdf, xlsx, html, stratml, inputs, manifest.",
    );
    const noOut = await cli([...global, 'reports', 'get', '2026-08']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain("required option '--out <dir>' not specified");
  });

  it('names a tampered file and exits 2: verify, get (writing nothing) and reproduce', async () => {
    const key = 'reports/2026-09/v0001/brief.html';
    await withTampered(key, async () => {
      const verified = await cli([...global, 'reports', 'verify']);
      expect(verified.code).toBe(2);
      expect(oneErrorLine(verified.err)).toMatch(
        new RegExp(
          `^error: verification failed \\(1 problem\\); first: ${key} has SHA-256 [0-9a-f]{64} .*\\[audit\\.file-altered\\]$`,
        ),
      );
      expect(verified.out).toContain('  #2  2026-09 v0001  FAILED');

      const fresh = join(workDir, 'tampered');
      const got = await cli([...global, 'reports', 'get', '2026-09', '--out', fresh]);
      expect(got.code).toBe(2);
      expect(oneErrorLine(got.err)).toContain(`error: ${key} has SHA-256`);
      expect(existsSync(fresh)).toBe(false);

      const reproduced = await cli([...global, 'reports', 'reproduce', '2026-09']);
      expect(reproduced.code).toBe(2);
      expect(oneErrorLine(reproduced.err)).toMatch(/^error: 2026-09 v0001 is not reproduced: brief\.html: /);
      expect(reproduced.out).toContain('brief.html         DIFFERS');
      expect(reproduced.out).toContain('brief.pdf          matches');
    });
    expect((await cli([...global, 'reports', 'verify'])).code).toBe(0);
  });

  it('names a removed link of the chain', async () => {
    const key = 'reports/2026-09/v0001/manifest.json';
    const saved = await withRuntime(async (runtime) => {
      const reports = store(runtime).reportObjects;
      const bytes = await reports.get(key);
      await reports.delete(key);
      return bytes;
    });
    try {
      const verified = await cli([...global, 'reports', 'verify', '--json']);
      expect(verified.code).toBe(2);
      expect(JSON.parse(verified.out).firstFailure).toMatchObject({
        kind: 'manifest-missing',
        key,
        sequence: 2,
      });
      expect(oneErrorLine(verified.err)).toContain(`chain broken at #2: ${key} is missing`);
    } finally {
      await withRuntime((runtime) => store(runtime).reportObjects.put(key, saved));
    }
  });

  it('prints a presigned URL and enforces 1 second to 7 days', async () => {
    const url = await cli([...global, 'reports', 'url', '2026-09', '--expires', '604800']);
    expect(url.code, url.err).toBe(0);
    expect(url.out.trim().split('\n')).toHaveLength(1);
    expect(url.out).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/strategy-report-reports\/reports\/2026-09\/v0001\/brief\.pdf\?/,
    );
    expect(url.out).toContain('X-Amz-Expires=604800');
    const json = await cli([
      ...global,
      'reports',
      'url',
      '2026-08',
      '--version',
      '1',
      '--format',
      'manifest',
      '--json',
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      period: '2026-08',
      version: 1,
      name: 'manifest.json',
      key: 'reports/2026-08/v0001/manifest.json',
      sha256: records[0]?.manifestSha256,
      expiresInSeconds: 3600,
    });
    for (const expires of ['0', '604801', '1.5', 'a week', '-5']) {
      const refused = await cli([...global, 'reports', 'url', '2026-09', '--expires', expires]);
      expect(refused.code, expires).toBe(2);
      expect(oneErrorLine(refused.err)).toBe(
        `error: option --expires: "${expires}" is not a valid expiry: give whole seconds from 1 to 604800 (7 days, the longest S3 allows for a presigned URL) [url.expires]`,
      );
    }
  });

  it('reproduces a report and says every file matches', async () => {
    const reproduced = await cli([...global, 'reports', 'reproduce', '2026-08', '--version', '1']);
    expect(reproduced.code, reproduced.err).toBe(0);
    expect(reproduced.out).toContain('2026-08 v0001 (#1): rendered again in memory from snapshot 2026-08 v1');
    expect(reproduced.out).toContain(', PDF tagged\n');
    expect(reproduced.out).toContain('every file is byte-identical to the stored one.');
    const json = await cli([...global, 'reports', 'reproduce', '2026-09', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      matches: true,
      version: 1,
      renderOptions: { markingBanner: null },
    });
  });

  it('shows the submission history, and refuses a bad office', async () => {
    const text = await cli([...global, 'history', '--office', 'ofo', '--period', '2026-10']);
    expect(text.code, text.err).toBe(0);
    expect(text.out.split('\n')).toEqual([
      'OFO 2026-10: 2 submission attempts (1 accepted, 0 duplicate, 1 rejected); current revision none',
      `  2026-11-03T10:00:00.000Z  rejected  1 problem  by intern@agency.example  12345 bytes  sha256 ${'a'.repeat(64)}  uploads/OFO/2026-10/OFO.xlsx`,
      `  2026-11-04T10:00:00.000Z  accepted  revision 1  by clerk@agency.example  12345 bytes  sha256 ${'b'.repeat(64)}  uploads/OFO/2026-10/OFO.xlsx`,
    ]);
    const json = await cli([...global, 'history', '--office', 'OFO', '--period', '2026-10', '--json']);
    expect(JSON.parse(json.out).attempts[0].problems).toEqual([
      { rule: 'status.allowed-values', message: '"Done" is not a status', sheet: 'Progress', row: 3 },
    ]);
    const bad = await cli([...global, 'history', '--office', '../x', '--period', '2026-10']);
    expect(bad.code).toBe(2);
    expect(oneErrorLine(bad.err)).toBe(
      'error: option --office: "../x" is not an office code (2 to 10 letters and digits, e.g. OFO) [history.office]',
    );
  });

  it('needs --stack for --target aws', async () => {
    const result = await cli([...global, '--target', 'aws', 'reports', 'list']);
    expect(result.code).toBe(2);
    expect(oneErrorLine(result.err)).toBe(
      'error: --target aws needs --stack NAME (the stateful stack) [target.stack]',
    );
  });

  it('runs as an executable: verify exits 0, list prints the versions', () => {
    const verified = runBin([...global, 'reports', 'verify', '--all']);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('every hash matches');
    const help = runBin(['reports', '--help']);
    expect(help.status).toBe(0);
    for (const command of ['list', 'get', 'verify', 'url', 'reproduce'])
      expect(help.stdout).toContain(command);
  });
});
