import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import { buildDemoScenario } from '../../../shared/demo/demo-scenario';
import { parsePeriod } from '../../../shared/domain/period';
import { STATUSES } from '../../../shared/domain/progress';

const catalog = defaultCatalog();
const scenario = buildDemoScenario(catalog, { lastPeriod: parsePeriod('2026-10'), deadlineDay: 10 });
const accepted = scenario.months
  .flatMap((month) => [...month.onTime, ...month.late])
  .filter((s) => s.expected === 'accepted');

describe('the demo scenario', () => {
  it('covers the 12 months ending with the last period', () => {
    expect(scenario.months.map((month) => month.period)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
  });

  it('is the same every time', () => {
    expect(buildDemoScenario(catalog, { lastPeriod: parsePeriod('2026-10'), deadlineDay: 10 })).toEqual(
      scenario,
    );
  });

  it('has every office report every owned activity each month, except the scripted silence', () => {
    for (const month of scenario.months) {
      const offices = new Set(accepted.filter((s) => s.period === month.period).map((s) => s.office));
      const expected = month.period === '2026-07' ? 5 : 6;
      expect(offices.size, month.period).toBe(expected);
    }
    expect(accepted.filter((s) => s.period === '2026-07').map((s) => s.office)).not.toContain('OT');
    for (const submission of accepted) {
      expect(submission.rows.map((row) => row.activityId)).toEqual(
        catalog.activitiesOf(submission.office).map((a) => a.id),
      );
    }
  });

  it('only gives valid rows in the submissions meant to be accepted', () => {
    for (const row of accepted.flatMap((submission) => submission.rows)) {
      expect(STATUSES).toContain(row.status);
      expect(row.percentComplete).toBeGreaterThanOrEqual(0);
      expect(row.percentComplete).toBeLessThanOrEqual(100);
      if (row.status === 'Complete') expect(row.percentComplete).toBe(100);
      if (row.status === 'At Risk' || row.status === 'Off Track') {
        expect(row.risksAndIssues).toBeTruthy();
        expect(row.mitigation).toBeTruthy();
      }
    }
  });

  it('scripts a late office, a rejected-then-corrected workbook, and activities that slip and recover', () => {
    const lateMonth = scenario.months.find((month) => month.late.length > 0);
    expect(lateMonth?.period).toBe('2026-05');
    expect(lateMonth?.late[0]?.office).toBe('AMO');
    expect(lateMonth?.late[0]?.submittedAt.getTime()).toBeGreaterThan(
      lateMonth?.reportAt.getTime() ?? Infinity,
    );

    const august = scenario.months.find((month) => month.period === '2026-08');
    const usbp = august?.onTime.filter((submission) => submission.office === 'USBP') ?? [];
    expect(usbp.map((submission) => submission.expected)).toEqual(['rejected', 'accepted']);
    expect(usbp[0]?.rows[0]?.status).toBe('Done');

    const statusesOf = (office: string, activityId: string) =>
      accepted
        .filter((submission) => submission.office === office)
        .map((submission) => submission.rows.find((row) => row.activityId === activityId)?.status);
    const anyRecovery = catalog.offices.some((office) =>
      catalog.activitiesOf(office.code).some((activity) => {
        const history = statusesOf(office.code, activity.id);
        const firstRisk = history.indexOf('At Risk');
        return firstRisk >= 0 && history.slice(firstRisk).includes('On Track');
      }),
    );
    expect(anyRecovery).toBe(true);
    expect(accepted.some((submission) => submission.rows.some((row) => row.status === 'Off Track'))).toBe(
      true,
    );
    expect(accepted.some((submission) => submission.rows.some((row) => row.status === 'Complete'))).toBe(
      true,
    );
  });

  it('has offices send some entries again unchanged, month after month', () => {
    const rowsOf = (period: string, office: string) =>
      accepted.find((submission) => submission.period === period && submission.office === office)?.rows ?? [];
    for (const [index, month] of scenario.months.entries()) {
      if (index === 0) continue;
      const previous = scenario.months[index - 1]?.period ?? '';
      const repeated = catalog.offices.flatMap((office) => {
        const before = new Map(
          rowsOf(previous, office.code).map((row) => [row.activityId, JSON.stringify(row)]),
        );
        return rowsOf(month.period, office.code).filter(
          (row) => before.get(row.activityId) === JSON.stringify(row),
        );
      });
      // Between a tenth and a half of the entries: visible in the brief, never the whole month.
      expect(repeated.length, month.period).toBeGreaterThan(10);
      expect(repeated.length, month.period).toBeLessThan(53);
    }
  });

  it('moves progress forward over the year', () => {
    const first = scenario.months[0]?.onTime.flatMap((submission) => submission.rows) ?? [];
    const last = scenario.months[11]?.onTime.flatMap((submission) => submission.rows) ?? [];
    const mean = (rows: typeof first) =>
      rows.reduce((sum, row) => sum + Number(row.percentComplete), 0) / rows.length;
    expect(mean(last)).toBeGreaterThan(mean(first) + 20);
  });
});
