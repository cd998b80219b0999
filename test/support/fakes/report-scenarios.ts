import type { Period } from '../../../shared/domain/period';
import { parsePeriod } from '../../../shared/domain/period';
import type { SnapshotRecord } from '../../../shared/ports/snapshot-index';
import { type RenderReportRequest, renderReport } from '../../../shared/use-cases/render-report';
import { storeSnapshot } from '../../../shared/use-cases/snapshot-storage';
import { populatedSnapshot } from '../populated-snapshot';
import { tinyRenderer } from '../report-fakes';
import { type InMemoryDependencies, inMemoryDependencies } from './in-memory-dependencies';

export const TEST_SOFTWARE_VERSION = '0.1.0-test';

/** Stores a populated snapshot of the period, as the rollup would, and returns its record. */
export async function storedSnapshot(
  deps: InMemoryDependencies,
  period: string,
  createdAt = `${period}-28T12:00:00Z`,
  seed = 1,
): Promise<SnapshotRecord> {
  const outcome = await storeSnapshot(
    deps,
    populatedSnapshot({ period: parsePeriod(period), seed }),
    new Date(createdAt),
  );
  return outcome.record;
}

/** Renders the period's latest snapshot with the tiny renderer (small deterministic files). */
export function renderWith(
  deps: InMemoryDependencies,
  period: string,
  request: Partial<Omit<RenderReportRequest, 'period'>> = {},
) {
  return renderReport(
    { ...deps, renderer: tinyRenderer },
    { period: parsePeriod(period) as Period, softwareVersion: TEST_SOFTWARE_VERSION, ...request },
  );
}

/** Fresh in-memory stores with one report rendered for the period (from a populated snapshot). */
export async function withRenderedReport(period = '2026-10') {
  const deps = inMemoryDependencies();
  await storedSnapshot(deps, period);
  const { record } = await renderWith(deps, period);
  return { deps, record };
}
