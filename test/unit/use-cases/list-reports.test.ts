import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { listReports } from '../../../shared/use-cases/list-reports';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;

describe('listReports', () => {
  it('lists every version from one period to another, by period then version', async () => {
    const deps = inMemoryDependencies();
    for (const period of ['2026-10', '2026-08', '2026-09']) {
      await storedSnapshot(deps, period);
      await renderWith(deps, period);
    }
    await renderWith(deps, '2026-09', { force: true });
    const all = await listReports(deps, {});
    expect(all.reports.map((record) => [record.period, record.version])).toEqual([
      ['2026-08', 1],
      ['2026-09', 1],
      ['2026-09', 2],
      ['2026-10', 1],
    ]);
    const some = await listReports(deps, { from: P('2026-09'), to: P('2026-09') });
    expect(some).toMatchObject({ from: '2026-09', to: '2026-09' });
    expect(some.reports).toHaveLength(2);
  });

  it('refuses a range that ends before it starts, naming the option', async () => {
    const deps = inMemoryDependencies();
    const backwards = listReports(deps, { from: P('2026-10'), to: P('2026-08') });
    await expect(backwards).rejects.toBeInstanceOf(InvalidInputError);
    await expect(backwards).rejects.toThrow('--from 2026-10 is after --to 2026-08');
  });
});
