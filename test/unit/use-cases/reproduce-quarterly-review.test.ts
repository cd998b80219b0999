import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/domain/errors';
import { parseFiscalQuarter } from '../../../shared/domain/fiscal-quarter';
import type { QuarterKey } from '../../../shared/domain/report/report-period';
import { renderQuarterlyReview } from '../../../shared/use-cases/render-quarterly-review';
import { reproduceQuarterlyReview } from '../../../shared/use-cases/reproduce-quarterly-review';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { storedSnapshot, TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { tinyPackRenderer } from '../../support/fakes/tiny-pack-renderer';

const KEY = 'FY2027-Q1' as QuarterKey;

async function publishedPack() {
  const deps = inMemoryDependencies();
  await storedSnapshot(deps, '2026-10');
  await renderQuarterlyReview(
    { ...deps, packRenderer: tinyPackRenderer },
    { quarter: parseFiscalQuarter(KEY), config: deps.config, softwareVersion: TEST_SOFTWARE_VERSION },
  );
  // Today's snapshots differ: a reproduction must use the stored inputs, not gather again.
  await storedSnapshot(deps, '2026-11');
  const reproduce = (softwareVersion = TEST_SOFTWARE_VERSION) =>
    reproduceQuarterlyReview({ ...deps, packRenderer: tinyPackRenderer }, { quarter: KEY, softwareVersion });
  return { deps, reproduce };
}

describe('reproduceQuarterlyReview', () => {
  it('renders the pack again from its stored inputs, with the recorded date and renderer, byte for byte', async () => {
    const { reproduce } = await publishedPack();
    const result = await reproduce('9.9.9-later');
    expect(result).toMatchObject({ kind: 'quarterly', period: KEY, version: 1, matches: true });
    expect(result.softwareVersion).toEqual({ recorded: TEST_SOFTWARE_VERSION, running: '9.9.9-later' });
    expect(result.files.map((file) => [file.name, file.matches])).toEqual([
      ['review.pdf', true],
      ['review.xlsx', true],
      ['review.html', true],
      ['inputs.json', true],
    ]);
  });

  it('says which stored file was altered, and refuses to render from altered inputs', async () => {
    const { deps, reproduce } = await publishedPack();
    const pdf = 'reports/FY2027-Q1/v0001/review.pdf';
    await deps.reportObjects.put(pdf, Buffer.from('not the pack'));
    const result = await reproduce();
    expect(result.matches).toBe(false);
    expect(result.files.find((file) => file.name === 'review.pdf')?.difference).toMatch(
      /^reports\/FY2027-Q1\/v0001\/review\.pdf has SHA-256 [0-9a-f]{64}, but the manifest records [0-9a-f]{64}: the stored file was altered \(rendering again gives the recorded bytes\)$/,
    );

    await deps.reportObjects.put('reports/FY2027-Q1/v0001/inputs.json', Buffer.from('{}'));
    await expect(reproduce()).rejects.toBeInstanceOf(IntegrityError);
    await expect(reproduce()).rejects.toThrow(
      'the stored inputs were altered, so the pack cannot be rendered again from them',
    );
  });
});
