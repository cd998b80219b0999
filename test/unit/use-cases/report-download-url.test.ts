import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { reportDownloadUrl } from '../../../shared/use-cases/report-download-url';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;

describe('reportDownloadUrl', () => {
  it('signs a link to one file under a name that says which report it is, with the hash to check', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    const { record } = await renderWith(deps, '2026-10');
    const link = await reportDownloadUrl(deps, {
      period: P('2026-10'),
      format: 'xlsx',
      expiresInSeconds: 3600,
    });
    expect(link).toMatchObject({
      period: '2026-10',
      version: 1,
      name: 'workbook.xlsx',
      key: 'reports/2026-10/v0001/workbook.xlsx',
      sha256: record.files[1]?.sha256,
      expiresAt: '2026-11-20T16:00:00.000Z',
    });
    expect(decodeURIComponent(link.url)).toContain('filename="strategy-workbook-2026-10-v0001.xlsx"');

    const manifest = await reportDownloadUrl(deps, {
      period: P('2026-10'),
      format: 'manifest',
      expiresInSeconds: 60,
    });
    expect(manifest).toMatchObject({ key: record.manifestKey, sha256: record.manifestSha256 });
    expect(deps.reportObjects.writes.filter((key) => key.startsWith('reports/'))).toHaveLength(5);
  });

  it('names the versions a period has when asked for one it does not', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    await renderWith(deps, '2026-10');
    const missing = reportDownloadUrl(deps, {
      period: P('2026-10'),
      version: 3,
      format: 'pdf',
      expiresInSeconds: 60,
    });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow('there is no report 2026-10 v0003: 2026-10 has v0001');
  });
});
