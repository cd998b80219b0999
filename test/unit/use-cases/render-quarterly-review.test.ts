import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { NotFoundError } from '../../../shared/domain/errors';
import { parseFiscalQuarter } from '../../../shared/domain/fiscal-quarter';
import { parseChainManifest } from '../../../shared/domain/report/chain-manifest';
import type { QuarterKey } from '../../../shared/domain/report/report-period';
import { sha256Hex } from '../../../shared/domain/sha256';
import { BUSINESS_METRICS } from '../../../shared/ports/business-metrics';
import { renderQuarterlyReview } from '../../../shared/use-cases/render-quarterly-review';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot, TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { tinyPackRenderer } from '../../support/fakes/tiny-pack-renderer';

const Q1 = parseFiscalQuarter('FY2027-Q1'); // October–December 2026
const KEY = 'FY2027-Q1' as QuarterKey;

const review = (deps: InMemoryDependencies, options: { force?: boolean } = {}) =>
  renderQuarterlyReview(
    { ...deps, packRenderer: tinyPackRenderer },
    { quarter: Q1, config: deps.config, softwareVersion: TEST_SOFTWARE_VERSION, ...options },
  );

/** Two months of the quarter rolled up, and a monthly report before the pack on the chain. */
async function quarterWithTwoMonths() {
  const deps = inMemoryDependencies();
  await storedSnapshot(deps, '2026-10', '2026-11-11T12:00:00Z');
  await storedSnapshot(deps, '2026-11', '2026-12-11T12:00:00Z');
  await renderWith(deps, '2026-11');
  return deps;
}

describe('renderQuarterlyReview', () => {
  it('publishes the pack as a version on the chain: its three files and inputs.json, hashed in its manifest', async () => {
    const deps = await quarterWithTwoMonths();
    const monthly = await deps.reportIndex.latest('2026-11' as never);
    const outcome = await review(deps);

    expect(outcome).toMatchObject({ kind: 'rendered', quarter: 'FY2027-Q1' });
    expect(outcome.months).toEqual([
      { period: '2026-10', snapshotVersion: 1 },
      { period: '2026-11', snapshotVersion: 1 },
      { period: '2026-12', snapshotVersion: null },
    ]);
    const { record } = outcome;
    expect([record.period, record.version, record.sequence]).toEqual(['FY2027-Q1', 1, 2]);
    expect(record.snapshot).toBeUndefined();
    expect(deps.reportObjects.keys('reports/FY2027-Q1/')).toEqual([
      'reports/FY2027-Q1/v0001/inputs.json',
      'reports/FY2027-Q1/v0001/manifest.json',
      'reports/FY2027-Q1/v0001/review.html',
      'reports/FY2027-Q1/v0001/review.pdf',
      'reports/FY2027-Q1/v0001/review.xlsx',
    ]);

    const manifestBytes = await deps.reportObjects.get(record.manifestKey);
    expect(sha256Hex(manifestBytes)).toBe(record.manifestSha256);
    const manifest = parseChainManifest(manifestBytes);
    expect(manifest).toMatchObject({
      kind: 'strategy-report/quarterly-review-manifest',
      period: 'FY2027-Q1',
      // Dated by the newest snapshot, never the clock.
      generatedAt: '2026-12-11T12:00:00.000Z',
      quarter: {
        fiscalYear: 2027,
        quarter: 1,
        fiscalYearStartMonth: 10,
        periods: ['2026-10', '2026-11', '2026-12'],
      },
      renderOptions: { rendererVersion: TEST_SOFTWARE_VERSION },
      chain: { sequence: 2, previous: { period: '2026-11', version: 1, sha256: monthly?.manifestSha256 } },
    });
    expect(manifest.files.map((file) => file.name)).toEqual([
      'review.pdf',
      'review.xlsx',
      'review.html',
      'inputs.json',
    ]);
    for (const file of manifest.files)
      expect(sha256Hex(await deps.reportObjects.get(file.key))).toBe(file.sha256);
    // The stored inputs are the canonical JSON of what the pack was rendered from; the manifest
    // names the snapshot of each month that had one.
    const inputs = await deps.reportObjects.get('reports/FY2027-Q1/v0001/inputs.json');
    expect(canonicalJson(JSON.parse(inputs.toString('utf8')))).toBe(inputs.toString('utf8'));
    expect(manifest.kind === 'strategy-report/quarterly-review-manifest' && manifest.inputsSha256).toBe(
      sha256Hex(inputs),
    );
    const snapshots = await deps.snapshotIndex.latestInRange('2026-10' as never, '2026-12' as never);
    expect(manifest.kind === 'strategy-report/quarterly-review-manifest' && manifest.snapshots).toEqual(
      snapshots.map(({ period, version, inputHash, sha256, key }) => ({
        period,
        version,
        inputHash,
        sha256,
        key,
      })),
    );
    expect((await deps.reportIndex.chainHead())?.manifestSha256).toBe(record.manifestSha256);
    expect(deps.metrics.total(BUSINESS_METRICS.reviewPacksRendered)).toBe(1);
  });

  it('writes nothing when the latest pack has the same inputs, a new version when they change or with force', async () => {
    const deps = await quarterWithTwoMonths();
    await review(deps);
    const stored = deps.reportObjects.keys();

    const again = await review(deps);
    expect(again).toMatchObject({ kind: 'already-rendered', record: { version: 1 } });
    expect(deps.reportObjects.keys()).toEqual(stored);
    expect(deps.metrics.total(BUSINESS_METRICS.reviewPacksRendered)).toBe(1);

    // December rolled up: the inputs change, so does the pack.
    await storedSnapshot(deps, '2026-12', '2027-01-11T12:00:00Z');
    const withDecember = await review(deps);
    expect(withDecember).toMatchObject({ kind: 'rendered', record: { version: 2, sequence: 3 } });
    expect(withDecember.inputsSha256).not.toBe(again.inputsSha256);

    const forced = await review(deps, { force: true });
    expect(forced).toMatchObject({ kind: 'rendered', record: { version: 3, sequence: 4 } });
    expect((await deps.reportIndex.versions(KEY)).map((record) => record.version)).toEqual([1, 2, 3]);
  });

  it('refuses a quarter no month of which has a snapshot, and writes nothing', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-09');
    const before = deps.reportObjects.keys();
    await expect(review(deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(review(deps)).rejects.toThrow('no rollup snapshot for any month of FY2027-Q1');
    expect(deps.reportObjects.keys()).toEqual(before);
    expect(await deps.reportIndex.lastClaimedVersion(KEY)).toBe(0);
    expect(await deps.reportIndex.chainState()).toBeUndefined();
  });
});
