import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/period';
import { leastSquaresSlope, likelihoodOf } from '../../../../shared/domain/rollup/likelihood';
import { rollup, rollupAfter, row, submission } from '../../../support/rollup-fixtures';

const base = {
  period: parsePeriod('2026-10'),
  status: 'On Track' as const,
  asOf: '2026-10-31',
  overdueShare: 0,
};
/** Two earlier points 10 points apart a month: a pace of 10 per month. */
const steady = [
  { period: '2026-08', percentComplete: 20 },
  { period: '2026-09', percentComplete: 30 },
];

describe('likelihood of finishing on time (docs/status-rules.md)', () => {
  it('no-data: Unknown without data', () => {
    expect(
      likelihoodOf({ ...base, status: 'No Data', percentComplete: null, earlier: [], deadline: undefined }),
    ).toEqual({ likelihood: 'Unknown', rule: 'no-data' });
  });

  it('complete: Likely once Complete or at 100 %', () => {
    expect(
      likelihoodOf({ ...base, status: 'Complete', percentComplete: 100, earlier: [], deadline: undefined }),
    ).toMatchObject({ likelihood: 'Likely', rule: 'complete' });
    expect(likelihoodOf({ ...base, percentComplete: 100, earlier: [], deadline: '2020-01-01' }).rule).toBe(
      'complete',
    );
  });

  it('no-deadline: Unknown when the plan has no end date and no entry gives a milestone date', () => {
    expect(likelihoodOf({ ...base, percentComplete: 40, earlier: steady, deadline: undefined })).toEqual({
      likelihood: 'Unknown',
      rule: 'no-deadline',
    });
  });

  it('measures against the end of the plan when the catalog gives one, not the next milestone', () => {
    // 40 % now at 10 a month; the next milestone is in a month, but the plan runs to 2028-09-30.
    const assessment = likelihoodOf({
      ...base,
      percentComplete: 40,
      earlier: steady,
      deadline: '2026-11-30',
      planEnd: '2028-09-30',
    });
    expect(assessment).toMatchObject({ likelihood: 'Likely', rule: 'pace', pace: 10 });
    expect(assessment.requiredPace).toBeCloseTo(60 / (700 / (365.25 / 12)), 10);
  });

  it('plan-ended: Unlikely when the plan has ended and the level is not complete', () => {
    expect(
      likelihoodOf({
        ...base,
        percentComplete: 90,
        earlier: steady,
        deadline: undefined,
        planEnd: '2026-10-31',
      }),
    ).toEqual({ likelihood: 'Unlikely', rule: 'plan-ended' });
  });

  it('pace-milestones-overdue: missed milestones lower an on-pace verdict one step', () => {
    const at = (overdueShare: number) =>
      likelihoodOf({
        ...base,
        percentComplete: 40,
        earlier: steady,
        deadline: undefined,
        planEnd: '2028-09-30',
        overdueShare,
      });
    expect(at(0.19)).toMatchObject({ likelihood: 'Likely', rule: 'pace' });
    expect(at(0.2)).toMatchObject({ likelihood: 'Uncertain', rule: 'pace-milestones-overdue' });
    // Uncertain falls to Unlikely; Unlikely stays Unlikely under the pace rule.
    const slow = [{ period: '2026-09', percentComplete: 37.8 }];
    expect(
      likelihoodOf({
        ...base,
        percentComplete: 40,
        earlier: slow,
        deadline: undefined,
        planEnd: '2028-09-30',
        overdueShare: 0.5,
      }),
    ).toMatchObject({ likelihood: 'Unlikely', rule: 'pace-milestones-overdue' });
    const flat = [{ period: '2026-09', percentComplete: 40 }];
    expect(
      likelihoodOf({
        ...base,
        percentComplete: 40,
        earlier: flat,
        deadline: undefined,
        planEnd: '2028-09-30',
        overdueShare: 1,
      }),
    ).toMatchObject({ likelihood: 'Unlikely', rule: 'pace' });
  });

  it('milestones-past: without a plan end date, Unlikely when even the latest milestone is due by the end of the period', () => {
    expect(likelihoodOf({ ...base, percentComplete: 40, earlier: steady, deadline: '2026-10-31' })).toEqual({
      likelihood: 'Unlikely',
      rule: 'milestones-past',
    });
  });

  it('no-trend: Unknown without an earlier percent to draw a trend from', () => {
    expect(
      likelihoodOf({
        ...base,
        percentComplete: 40,
        earlier: [{ period: '2026-09', percentComplete: null }],
        deadline: '2027-06-30',
      }),
    ).toEqual({ likelihood: 'Unknown', rule: 'no-trend' });
  });

  it('pace: Likely at or above the pace needed, Uncertain down to three quarters of it, else Unlikely', () => {
    // 40 % now, pace 10/month; 60 points to go.
    const at = (deadline: string) =>
      likelihoodOf({ ...base, percentComplete: 40, earlier: steady, deadline });
    // 2027-04-30 is 181 days ≈ 5.95 months away: needs 10.09/month → ratio 0.99 → Uncertain.
    expect(at('2027-04-30')).toMatchObject({ likelihood: 'Uncertain', rule: 'pace' });
    // 2027-05-31: 212 days ≈ 6.97 months: needs 8.6/month → Likely.
    expect(at('2027-05-31')).toMatchObject({ likelihood: 'Likely', rule: 'pace', pace: 10 });
    // 2027-01-31: 92 days ≈ 3.02 months: needs 19.8/month → ratio 0.5 → Unlikely.
    expect(at('2027-01-31')).toMatchObject({ likelihood: 'Unlikely', rule: 'pace' });
    const required = at('2027-05-31').requiredPace as number;
    expect(required).toBeCloseTo(60 / (212 / (365.25 / 12)), 10);
  });

  it('pace: a flat or falling trend is Unlikely', () => {
    const flat = [{ period: '2026-09', percentComplete: 40 }];
    expect(
      likelihoodOf({ ...base, percentComplete: 40, earlier: flat, deadline: '2030-01-01' }).likelihood,
    ).toBe('Unlikely');
  });

  it('fits the least-squares slope and ignores points not before the period', () => {
    expect(
      leastSquaresSlope([
        { x: -2, y: 10 },
        { x: -1, y: 30 },
        { x: 0, y: 20 },
      ]),
    ).toBe(5);
    const later = likelihoodOf({
      ...base,
      percentComplete: 40,
      earlier: [{ period: '2026-11', percentComplete: 0 }],
      deadline: '2027-06-30',
    });
    expect(later.rule).toBe('no-trend');
  });

  it('reaches the snapshot: goals and the agency draw on the trend history, the rest on the previous snapshot', () => {
    const september = rollup('2026-09', [
      submission('OFA', '2026-09', [row('1.1.2', { percentComplete: 30, milestoneDue: '2027-06-30' })]),
    ]);
    expect(september.keyActivities.find((activity) => activity.id === '1.1.2')).toMatchObject({
      likelihood: 'Unknown',
      likelihoodRule: 'no-trend',
    });
    const october = rollupAfter(september, '2026-10', [
      submission('OFA', '2026-10', [row('1.1.2', { percentComplete: 40, milestoneDue: '2027-06-30' })]),
    ]);
    // 10 points a month; 60 to go in 8 months needs 7.5 a month.
    expect(october.keyActivities.find((activity) => activity.id === '1.1.2')).toMatchObject({
      likelihood: 'Likely',
      likelihoodRule: 'pace',
    });
    expect(october.goals[0]).toMatchObject({ likelihood: 'Likely', likelihoodRule: 'pace' });
    expect(october.agency).toMatchObject({ likelihood: 'Likely', likelihoodRule: 'pace' });
    // Goal 2 has no data at all.
    expect(october.goals[1]).toMatchObject({ likelihood: 'Unknown', likelihoodRule: 'no-data' });
  });
});
