import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { createRenderHandler } from '../../shared/entries/render-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { populatedSnapshot } from '../support/populated-snapshot';

/** Renders the fixture in a fresh store at a given wall-clock time and returns every stored file's hash. */
async function renderInFreshStore(now: Date): Promise<Record<string, string>> {
  const runtime = await openLocalRuntime();
  try {
    const deps = localDependencies(runtime, {
      catalog: defaultCatalog(),
      config: parseProductConfig({ markingBanner: 'CUI' }),
      clock: { now: () => now },
    });
    await storeSnapshot(
      deps,
      populatedSnapshot({ period: parsePeriod('2026-10') }),
      new Date('2026-11-05T12:00:00Z'),
    );
    const result = await createRenderHandler(deps)({ period: '2026-10' });
    const hashes: Record<string, string> = {};
    for (const key of [...result.files.map((file) => file.key), result.manifest.key])
      hashes[key] = sha256Hex(await deps.reportObjects.get(key));
    return hashes;
  } finally {
    await runtime.close();
  }
}

describe('rendering the same snapshot twice', () => {
  it('stores byte-identical files, manifest included, whenever it runs', async () => {
    const first = await renderInFreshStore(new Date('2026-11-06T08:00:00Z'));
    const second = await renderInFreshStore(new Date('2031-03-01T17:45:00Z'));
    expect(Object.keys(first)).toEqual([
      'reports/2026-10/v0001/brief.pdf',
      'reports/2026-10/v0001/workbook.xlsx',
      'reports/2026-10/v0001/brief.html',
      'reports/2026-10/v0001/report.stratml.xml',
      'reports/2026-10/v0001/manifest.json',
    ]);
    expect(second).toEqual(first);
  });
});
