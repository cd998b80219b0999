import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/run-cli';

/*
 * A report version published by the code before report.stratml.xml existed (manifest schema 1,
 * three files; test/fixtures/legacy-report/README.md), read by today's code: it must still verify
 * and download, and a new version must chain after it with the StratML file. It was rendered by
 * strategy-report 0.1.0; the brief's layout changed in 0.2.0 (issue 14), so reproducing it says
 * plainly that the renderer changed and that its files are as recorded, rather than calling them
 * altered.
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/legacy-report/data-dir', import.meta.url));

async function cli(dataDir: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, ...args], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a report version published before report.stratml.xml existed', () => {
  it('verifies, reproduces as rendered by strategy-report 0.1.0 (files as recorded), downloads, and takes a new version after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'legacy-report-'));
    cpSync(FIXTURE, dataDir, { recursive: true });

    const verified = await cli(dataDir, ['reports', 'verify', '--all']);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain(
      'checked 1 report, 1 manifest, 1 link, 3 files, 1 snapshot, 1 index item: every hash matches.',
    );

    const reproduced = await cli(dataDir, ['reports', 'reproduce', '2026-10', '--json']);
    expect(reproduced.code).toBe(2);
    expect(reproduced.err).toContain(
      '2026-10 v0001 is not reproduced byte for byte: rendered by strategy-report 0.1.0, now 0.2.0 (the renderer changed; the stored files are as recorded)',
    );
    const reproduction = JSON.parse(reproduced.out);
    expect(reproduction.softwareVersion).toEqual({ recorded: '0.1.0', running: '0.2.0' });
    // Its manifest records no taggedPdf: its brief is the untagged PDF/A-2b of strategy-report 0.1.0.
    expect(reproduction.renderOptions).toEqual({ markingBanner: null });
    expect(
      reproduction.files.map(
        (file: { name: string; storedSha256: string; recordedSha256: string; rendererChanged?: boolean }) => [
          file.name,
          file.storedSha256 === file.recordedSha256,
          file.rendererChanged,
        ],
      ),
    ).toEqual([
      ['brief.pdf', true, true],
      ['workbook.xlsx', true, true],
      ['brief.html', true, true],
    ]);

    const out = mkdtempSync(join(tmpdir(), 'legacy-get-'));
    const got = await cli(dataDir, ['reports', 'get', '2026-10', '--out', out]);
    expect(got.code, got.err).toBe(0);
    expect(readdirSync(join(out, '2026-10', 'v0001')).sort()).toEqual([
      'brief.html',
      'brief.pdf',
      'manifest.json',
      'workbook.xlsx',
    ]);
    const stratml = await cli(dataDir, [
      'reports',
      'get',
      '2026-10',
      '--format',
      'stratml',
      '--out',
      mkdtempSync(join(tmpdir(), 'legacy-none-')),
    ]);
    expect(stratml.code).toBe(2);
    expect(stratml.err).toContain(
      '2026-10 v0001 was published before report.stratml.xml existed (manifest schema 1): it has no report.stratml.xml',
    );

    const rendered = await cli(dataDir, ['render', '--period', '2026-10', '--force', '--json']);
    expect(rendered.code, rendered.err).toBe(0);
    const again = await cli(dataDir, ['reports', 'verify', '--all']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(
      'checked 2 reports, 2 manifests, 2 links, 7 files, 1 snapshot, 2 index items: every hash matches.',
    );
  });
});
