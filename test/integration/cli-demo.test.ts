import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/run-cli';
import { temporaryDataDirectory } from '../support/local-runtime';

describe('strategy-report demo (npm start)', () => {
  it('plays the year, verifies the report chain and hands out the latest files and the four review packs', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const dataDir = temporaryDataDirectory('demo-cli');
    const code = await runCli(['--data-dir', dataDir, 'demo', '--last-period', '2026-10', '--json'], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join(''));
    expect(result.periods).toHaveLength(12);
    // 13 monthly reports (one month twice) and 4 quarterly review packs, 4 files each, on one chain.
    expect(result.verified).toMatchObject({ reports: 17, files: 68, snapshots: 13, findings: 0 });
    expect(result.reviewPacks.map((pack: { quarter: string }) => pack.quarter)).toEqual([
      'FY2026-Q1',
      'FY2026-Q2',
      'FY2026-Q3',
      'FY2026-Q4',
    ]);
    for (const pack of result.reviewPacks) {
      expect(pack.directory).toBe(join(dataDir, 'reviews', pack.quarter));
      expect(readFileSync(pack.files['review.pdf']).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(pack.files['review.xlsx']).subarray(0, 2).toString()).toBe('PK');
      expect(readFileSync(pack.files['review.html'], 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    }
    expect(result.latestReport).toMatchObject({ period: '2026-10', version: 1 });
    expect(readFileSync(result.latestReport.files['brief.pdf']).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(result.latestReport.files['workbook.xlsx']).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(result.latestReport.files['brief.html'], 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(readFileSync(result.latestReport.files['report.stratml.xml'], 'utf8')).toContain(
      'Type="Performance_Report"',
    );
    expect(result.outbox.messages).toBeGreaterThan(80);
  });
});
