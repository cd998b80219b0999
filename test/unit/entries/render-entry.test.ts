import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { createRenderHandler, runRender } from '../../../shared/entries/render-entry';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { storedSnapshot } from '../../support/fakes/report-scenarios';
import { tinyRenderer } from '../../support/report-fakes';

describe('the render entry', () => {
  it('renders last month by default and answers with the period, for the next step of the workflow', async () => {
    const deps = inMemoryDependencies({ now: '2026-11-05T15:00:00Z', config: { markingBanner: 'CUI' } });
    await storedSnapshot(deps, '2026-10');
    const result = await createRenderHandler(deps, tinyRenderer)({});
    expect(result).toMatchObject({
      period: '2026-10',
      outcome: 'rendered',
      version: 1,
      sequence: 1,
      previousManifestSha256: null,
      manifest: { key: 'reports/2026-10/v0001/manifest.json' },
    });
    expect(result.files.map((file) => file.name)).toEqual([
      'brief.pdf',
      'workbook.xlsx',
      'brief.html',
      'report.stratml.xml',
    ]);
    const again = await createRenderHandler(deps, tinyRenderer)({ period: '2026-10' });
    expect(again).toMatchObject({ period: '2026-10', outcome: 'already-rendered', version: 1 });
  });

  it('accepts force from the command line only', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    await runRender(deps, { period: parsePeriod('2026-10') }, tinyRenderer);
    await expect(createRenderHandler(deps, tinyRenderer)({ period: '2026-10', force: true })).rejects.toThrow(
      'render event: unknown field "force": the event must be {} or {"period": "YYYY-MM"} [event.schema]',
    );
    const forced = await runRender(deps, { period: parsePeriod('2026-10'), force: true }, tinyRenderer);
    expect(forced).toMatchObject({ period: '2026-10', outcome: 'rendered', version: 2 });
  });
});
