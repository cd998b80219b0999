import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { sha256Hex } from '../../../shared/domain/sha256';
import { fetchReportFiles } from '../../../shared/use-cases/fetch-report-files';
import { withRenderedReport } from '../../support/fakes/report-scenarios';

const P = parsePeriod;

describe('fetchReportFiles', () => {
  it('hands out every file and the manifest, each checked, in a fixed order', async () => {
    const { deps, record } = await withRenderedReport();
    const fetched = await fetchReportFiles(deps, { period: P('2026-10') });
    expect(fetched.record).toEqual(record);
    expect(fetched.files.map((file) => [file.format, file.name])).toEqual([
      ['pdf', 'brief.pdf'],
      ['xlsx', 'workbook.xlsx'],
      ['html', 'brief.html'],
      ['stratml', 'report.stratml.xml'],
      ['manifest', 'manifest.json'],
    ]);
    for (const file of fetched.files) expect(sha256Hex(file.bytes)).toBe(file.sha256);
    expect(fetched.files[4]?.sha256).toBe(record.manifestSha256);
    const pdfOnly = await fetchReportFiles(deps, { period: P('2026-10'), version: 1, formats: ['pdf'] });
    expect(pdfOnly.files.map((file) => file.name)).toEqual(['brief.pdf']);
  });

  it('hands out nothing when any file or the manifest was altered or is missing', async () => {
    const { deps, record } = await withRenderedReport();
    const html = record.files[2]?.key as string;
    const original = await deps.reportObjects.get(html);
    await deps.reportObjects.put(html, Buffer.from('altered'));
    await expect(fetchReportFiles(deps, { period: P('2026-10') })).rejects.toThrow(
      new RegExp(
        `^${html} has SHA-256 [0-9a-f]{64} \\(7 bytes\\), but the manifest of 2026-10 v0001 records`,
      ),
    );
    await deps.reportObjects.delete(html);
    await expect(fetchReportFiles(deps, { period: P('2026-10') })).rejects.toThrow(
      `${html} is missing from the reports bucket`,
    );
    await deps.reportObjects.put(html, original);
    await deps.reportObjects.put(record.manifestKey, Buffer.from('{}'));
    await expect(fetchReportFiles(deps, { period: P('2026-10') })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('refuses a version whose index item and manifest disagree about a file', async () => {
    const { deps, record } = await withRenderedReport();
    const other = {
      ...record,
      version: 2,
      files: record.files.map((file) => ({ ...file, sha256: 'f'.repeat(64) })),
    };
    await deps.reportIndex.putRecord(other);
    await expect(fetchReportFiles(deps, { period: P('2026-10'), version: 2 })).rejects.toThrow(
      'the report index and the manifest of 2026-10 v0002 disagree about brief.pdf',
    );
  });
});
