import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { reproduceReport } from '../../../shared/use-cases/reproduce-report';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot, TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { tinyRenderer } from '../../support/report-fakes';

const P = parsePeriod;

async function rendered() {
  const deps = inMemoryDependencies();
  await storedSnapshot(deps, '2026-10');
  const first = await renderWith(deps, '2026-10', { markingBanner: 'CUI' });
  // A newer snapshot: reproduction must use the one the manifest names, not the latest.
  await storedSnapshot(deps, '2026-10', '2026-11-02T09:00:00Z', 2);
  return { deps, first, ports: { ...deps, renderer: tinyRenderer } };
}

describe('reproduceReport', () => {
  it('renders a version again from what its manifest names and matches every file', async () => {
    const { first, ports } = await rendered();
    const reproduction = await reproduceReport(ports, {
      period: P('2026-10'),
      version: 1,
      softwareVersion: '9.9.9',
    });
    expect(reproduction).toMatchObject({
      period: '2026-10',
      version: 1,
      sequence: 1,
      matches: true,
      snapshot: { version: 1 },
      renderOptions: { markingBanner: 'CUI' },
      softwareVersion: { recorded: TEST_SOFTWARE_VERSION, running: '9.9.9' },
    });
    expect(reproduction.files.map((file) => [file.name, file.reproducedSha256])).toEqual(
      first.record.files.map((file) => [file.name, file.sha256]),
    );
  });

  it('says which stored file does not match, and writes nothing', async () => {
    const { deps, ports } = await rendered();
    await deps.reportObjects.put('reports/2026-10/v0001/workbook.xlsx', Buffer.from('altered'));
    const writes = deps.reportObjects.writes.length;
    const reproduction = await reproduceReport(ports, { period: P('2026-10'), softwareVersion: '9.9.9' });
    expect(reproduction.matches).toBe(false);
    expect(reproduction.files.map((file) => [file.name, file.matches])).toEqual([
      ['brief.pdf', true],
      ['workbook.xlsx', false],
      ['brief.html', true],
      ['report.stratml.xml', true],
    ]);
    expect(deps.reportObjects.writes).toHaveLength(writes);
  });

  it('refuses a manifest or snapshot that does not match its recorded hash', async () => {
    const { deps, first, ports } = await rendered();
    const snapshotKey = first.snapshot.key;
    await deps.reportObjects.put(snapshotKey, Buffer.from('{}'));
    await expect(reproduceReport(ports, { period: P('2026-10'), softwareVersion: '9.9.9' })).rejects.toThrow(
      /^snapshot 2026-10 v1 at .* it was altered$/,
    );
    await deps.reportObjects.put(first.record.manifestKey, Buffer.from('{}'));
    await expect(
      reproduceReport(ports, { period: P('2026-10'), softwareVersion: '9.9.9' }),
    ).rejects.toBeInstanceOf(IntegrityError);
  });
});
