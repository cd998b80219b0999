import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { REPORT_FILES } from '../../../shared/domain/report/report-files';
import { sha256Hex } from '../../../shared/domain/sha256';
import {
  claimReportVersion,
  makeVisible,
  storeReportFiles,
} from '../../../shared/use-cases/report-publication';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;
const rendered = REPORT_FILES.map((file) => ({
  name: file.name,
  contentType: file.contentType,
  bytes: Buffer.from(`the ${file.name}`),
}));

describe('the publication steps', () => {
  it('claims the first free version number after the last one claimed', async () => {
    const deps = inMemoryDependencies();
    const now = new Date('2026-11-20T15:00:00Z');
    expect(await claimReportVersion(deps.reportIndex, P('2026-10'), now)).toBe(1);
    expect(await claimReportVersion(deps.reportIndex, P('2026-10'), now)).toBe(2);
    expect(await claimReportVersion(deps.reportIndex, P('2026-11'), now)).toBe(1);
    // A claim taken between the read and the write: the next number.
    const claim = deps.reportIndex.claimVersion.bind(deps.reportIndex);
    let raced = false;
    deps.reportIndex.claimVersion = async (period, version, at) => {
      if (!raced) {
        raced = true;
        await claim(period, version, at);
      }
      return claim(period, version, at);
    };
    expect(await claimReportVersion(deps.reportIndex, P('2026-10'), now)).toBe(4);
  });

  it('stores the files in a fixed order with their hashes, and refuses a render that lacks one', async () => {
    const deps = inMemoryDependencies();
    const files = await storeReportFiles(deps.reportObjects, P('2026-10'), 2, [...rendered].reverse());
    expect(files.map((file) => file.key)).toEqual([
      'reports/2026-10/v0002/brief.pdf',
      'reports/2026-10/v0002/workbook.xlsx',
      'reports/2026-10/v0002/brief.html',
      'reports/2026-10/v0002/report.stratml.xml',
    ]);
    expect(deps.reportObjects.writes).toEqual(files.map((file) => file.key));
    const pdf = await deps.reportObjects.head('reports/2026-10/v0002/brief.pdf');
    expect(pdf).toMatchObject({
      contentType: 'application/pdf',
      metadata: { sha256: sha256Hex('the brief.pdf') },
    });
    expect(files[0]).toMatchObject({ size: 13, sha256: sha256Hex('the brief.pdf') });

    await expect(storeReportFiles(deps.reportObjects, P('2026-10'), 3, rendered.slice(0, 2))).rejects.toThrow(
      'the render of 2026-10 made no brief.html',
    );
  });

  it('makes a version visible once; an index item with another manifest or a lost chain is an error', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    const { record } = await renderWith(deps, '2026-10');

    // Already indexed with this manifest, and the head already past it: done by another render.
    await expect(makeVisible(deps.reportIndex, record, 'someone-else')).resolves.toBeUndefined();

    await expect(
      makeVisible(deps.reportIndex, { ...record, manifestSha256: 'f'.repeat(64) }, 'someone-else'),
    ).rejects.toThrow('report 2026-10 v1 is already indexed with another manifest');

    const ahead = { ...record, version: 2, sequence: 2 };
    await expect(makeVisible(deps.reportIndex, ahead, 'not-the-holder')).rejects.toThrow(
      'lost the report chain while publishing 2026-10 v2',
    );
  });
});
