import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parseFiscalQuarter } from '../../../shared/domain/fiscal-quarter';
import { parsePeriod } from '../../../shared/domain/period';
import { parseReportPeriod } from '../../../shared/domain/report/report-period';
import { listReports } from '../../../shared/use-cases/list-reports';
import { renderQuarterlyReview } from '../../../shared/use-cases/render-quarterly-review';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot, TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { tinyPackRenderer } from '../../support/fakes/tiny-pack-renderer';

const P = parsePeriod;
const Q = (text: string) => parseReportPeriod(text);

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

  it('lists monthly reports, then quarterly review packs; months as bounds give reports, quarters packs', async () => {
    const deps = inMemoryDependencies();
    for (const period of ['2026-10', '2026-11']) {
      await storedSnapshot(deps, period);
      await renderWith(deps, period);
    }
    await renderQuarterlyReview(
      { ...deps, packRenderer: tinyPackRenderer },
      {
        quarter: parseFiscalQuarter('FY2027-Q1'),
        config: deps.config,
        softwareVersion: TEST_SOFTWARE_VERSION,
      },
    );
    const label = (result: { reports: { period: string; version: number }[] }) =>
      result.reports.map((record) => `${record.period} v${record.version}`);
    expect(label(await listReports(deps, {}))).toEqual(['2026-10 v1', '2026-11 v1', 'FY2027-Q1 v1']);
    expect(label(await listReports(deps, { from: P('2026-11') }))).toEqual(['2026-11 v1']);
    expect(label(await listReports(deps, { from: Q('FY2027-Q1'), to: Q('FY2027-Q4') }))).toEqual([
      'FY2027-Q1 v1',
    ]);
    expect(label(await listReports(deps, { to: Q('FY2026-Q4') }))).toEqual([]);
    const mixed = listReports(deps, { from: P('2026-10'), to: Q('FY2027-Q1') });
    await expect(mixed).rejects.toThrow(
      '--from 2026-10 and --to FY2027-Q1 are not both months (YYYY-MM) or both fiscal quarters (FY<year>-Q<1-4>) [reports.range]',
    );
  });

  it('refuses a range that ends before it starts, naming the option', async () => {
    const deps = inMemoryDependencies();
    const backwards = listReports(deps, { from: P('2026-10'), to: P('2026-08') });
    await expect(backwards).rejects.toBeInstanceOf(InvalidInputError);
    await expect(backwards).rejects.toThrow('--from 2026-10 is after --to 2026-08');
    await expect(listReports(deps, { from: Q('FY2027-Q2'), to: Q('FY2027-Q1') })).rejects.toThrow(
      '--from FY2027-Q2 is after --to FY2027-Q1',
    );
  });
});
