import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { readReportFile, readReportManifest, reportFileLink } from '../../../shared/use-cases/report-reads';
import { withRenderedReport } from '../../support/fakes/report-scenarios';

describe('reads of a report version', () => {
  it('reads the manifest and files as published, and refuses them once altered', async () => {
    const { deps, record } = await withRenderedReport();
    expect((await readReportManifest(deps.reportObjects, record)).version).toBe(1);
    const pdf = await readReportFile(deps.reportObjects, record, 'brief.pdf');
    expect(pdf.equals(await deps.reportObjects.get(record.files[0]?.key as string))).toBe(true);

    await deps.reportObjects.put(record.files[0]?.key as string, Buffer.from('altered'));
    await expect(readReportFile(deps.reportObjects, record, 'brief.pdf')).rejects.toThrow(
      /^reports\/2026-10\/v0001\/brief\.pdf has SHA-256 [0-9a-f]{64}, but report 2026-10 v1 recorded [0-9a-f]{64}: it was altered$/,
    );
    await deps.reportObjects.put(record.manifestKey, Buffer.from('{}'));
    await expect(readReportManifest(deps.reportObjects, record)).rejects.toBeInstanceOf(IntegrityError);
  });

  it('signs links under a download name, and refuses a file the version does not have', async () => {
    const { deps, record } = await withRenderedReport();
    const pdf = await reportFileLink(deps.reportObjects, record, 'brief.pdf', 60);
    const manifest = await reportFileLink(deps.reportObjects, record, 'manifest.json', 604800);
    expect(decodeURIComponent(pdf)).toContain('reports/2026-10/v0001/brief.pdf?X-Amz-Expires=60');
    expect(decodeURIComponent(pdf)).toContain('strategy-brief-2026-10-v0001.pdf');
    expect(decodeURIComponent(manifest)).toContain('strategy-manifest-2026-10-v0001.json');
    await expect(
      reportFileLink(deps.reportObjects, { ...record, files: [] }, 'brief.html', 60),
    ).rejects.toThrow('report 2026-10 v1 has no brief.html');
  });
});
