import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/run-cli';
import { temporaryDataDirectory } from '../support/local-runtime';

describe('strategy-report demo (npm start)', () => {
  it('plays the year, verifies the report chain and hands out the latest files', async () => {
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
    expect(result.verified).toMatchObject({ reports: 13, files: 52, snapshots: 13, findings: 0 });
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
