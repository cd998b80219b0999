import { describe, expect, it } from 'vitest';
import { isAtRisk, ReasonTexts, reasonsOf, severityOf } from '../../../../shared/domain/rollup/at-risk';
import { rollup, rollupAfter, row, submission } from '../../../support/rollup-fixtures';

const entry = {
  status: 'On Track' as const,
  percentComplete: 60,
  milestoneOverdue: false,
  source: 'reported' as const,
  fromPeriod: '2026-10',
};

describe('the at-risk list (docs/status-rules.md)', () => {
  it('holds At Risk and Off Track entries and any with an overdue milestone', () => {
    expect(isAtRisk({ ...entry, status: 'At Risk' })).toBe(true);
    expect(isAtRisk({ ...entry, status: 'Off Track' })).toBe(true);
    expect(isAtRisk({ ...entry, milestoneOverdue: true })).toBe(true);
    expect(isAtRisk(entry)).toBe(false);
    expect(isAtRisk({ ...entry, status: 'Not Started' })).toBe(false);
  });

  it('scores severity by the documented formula', () => {
    const asOf = '2026-10-31';
    expect(severityOf({ ...entry, status: 'Off Track' }, null, asOf)).toBeCloseTo(3 + 0.4, 10);
    expect(severityOf({ ...entry, status: 'At Risk', percentComplete: 100 }, 'unchanged', asOf)).toBe(2);
    // Overdue by 73 days: 1 + 73/365 = 1.2.
    expect(
      severityOf(
        { ...entry, milestoneOverdue: true, milestoneDue: '2026-08-19', percentComplete: 100 },
        null,
        asOf,
      ),
    ).toBeCloseTo(1.2, 10);
    // Overdue by more than a year: capped at 2.
    expect(
      severityOf(
        { ...entry, milestoneOverdue: true, milestoneDue: '2024-01-01', percentComplete: 100 },
        null,
        asOf,
      ),
    ).toBe(2);
    expect(severityOf({ ...entry, status: 'At Risk', percentComplete: 100 }, 'newly-at-risk', asOf)).toBe(
      2.5,
    );
    expect(severityOf({ ...entry, status: 'Off Track', percentComplete: 0 }, 'worsened', asOf)).toBe(4.5);
  });

  it('says why in words', () => {
    expect(
      reasonsOf(
        {
          ...entry,
          status: 'At Risk',
          milestoneOverdue: true,
          milestoneDue: '2026-10-30',
          source: 'carried-forward',
          fromPeriod: '2026-09',
        },
        'newly-at-risk',
        '2026-10-31',
        '2026-09',
      ),
    ).toEqual([
      'reported At Risk',
      'milestone due 2026-10-30 is 1 day overdue',
      'newly at risk since 2026-09',
      'not reported this period: carried forward from 2026-09',
    ]);
    expect(reasonsOf({ ...entry, status: 'Off Track' }, 'worsened', '2026-10-31', '2026-09')).toEqual([
      'reported Off Track',
      'worsened since 2026-09',
    ]);
  });

  it('builds each distinct list of reasons once per rollup, shared and frozen', () => {
    const texts = new ReasonTexts('2026-10-31', '2026-09');
    const overdue = {
      ...entry,
      status: 'At Risk' as const,
      milestoneOverdue: true,
      milestoneDue: '2026-10-01',
    };
    const first = texts.of(overdue, 'newly-at-risk');
    expect(first).toEqual([
      'reported At Risk',
      'milestone due 2026-10-01 is 30 days overdue',
      'newly at risk since 2026-09',
    ]);
    expect(texts.of({ ...overdue, percentComplete: 10 }, 'newly-at-risk')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(texts.of(overdue, 'unchanged')).toEqual([
      'reported At Risk',
      'milestone due 2026-10-01 is 30 days overdue',
    ]);
    expect(texts.of({ ...overdue, milestoneDue: '2026-10-30' }, 'newly-at-risk')).toEqual([
      'reported At Risk',
      'milestone due 2026-10-30 is 1 day overdue',
      'newly at risk since 2026-09',
    ]);
    expect(texts.of({ ...overdue, source: 'carried-forward', fromPeriod: '2026-08' }, 'unchanged')).toEqual([
      'reported At Risk',
      'milestone due 2026-10-01 is 30 days overdue',
      'not reported this period: carried forward from 2026-08',
    ]);
    // Without a previous period there is nothing to have worsened since.
    expect(new ReasonTexts('2026-10-31', null).of({ ...entry, status: 'Off Track' }, 'new')).toEqual([
      'reported Off Track',
    ]);
  });

  it('ranks most severe first, ties in office then key activity order, with the narrative', () => {
    const september = rollup('2026-09', [
      submission('OFC', '2026-09', [row('2.1.1', { percentComplete: 50 })]),
    ]);
    const october = rollupAfter(september, '2026-10', [
      submission('OFC', '2026-10', [
        row('2.1.1', { status: 'At Risk', percentComplete: 50, risksAndIssues: 'staffing' }),
        row('2.1.2', { status: 'At Risk', percentComplete: 50, risksAndIssues: 'parts' }),
      ]),
      submission('OFA', '2026-10', [
        row('1.1.1', { status: 'Off Track', percentComplete: 20, risksAndIssues: 'funding' }),
        row('1.1.2', {
          status: 'At Risk',
          percentComplete: 50,
          risksAndIssues: 'vendor',
          accomplishments: 'designed',
          nextMilestone: 'pilot',
          milestoneDue: '2027-01-31',
          pointOfContact: 'a@example.gov',
        }),
        row('2.1.1', { percentComplete: 90, milestoneDue: '2026-10-01', nextMilestone: 'go-live' }),
      ]),
    ]);
    expect(
      october.atRisk.map((item) => [item.rank, item.office, item.activityId, item.severity, item.status]),
    ).toEqual([
      [1, 'OFA', '1.1.1', 3.8, 'Off Track'],
      // OFC 2.1.1 was On Track in September: newly at risk adds 0.5.
      [2, 'OFC', '2.1.1', 3, 'At Risk'],
      // Equal severity: office order (OFA before OFC).
      [3, 'OFA', '1.1.2', 2.5, 'At Risk'],
      [4, 'OFC', '2.1.2', 2.5, 'At Risk'],
      // On Track but its milestone is 30 days overdue: 1 + 30/365 + 0.1.
      [5, 'OFA', '2.1.1', 1.1822, 'On Track'],
    ]);
    expect(october.atRisk[2]).toEqual({
      rank: 3,
      office: 'OFA',
      activityId: '1.1.2',
      objectiveId: '1.1',
      goalId: '1',
      activityText: 'Onboard.',
      status: 'At Risk',
      percentComplete: 50,
      severity: 2.5,
      reasons: ['reported At Risk'],
      risksAndIssues: 'vendor',
      accomplishments: 'designed',
      nextMilestone: 'pilot',
      milestoneDue: '2027-01-31',
      pointOfContact: 'a@example.gov',
      source: 'reported',
    });
    expect(october.atRisk[1]).toMatchObject({
      missionAreaId: 'north',
      reasons: ['reported At Risk', 'newly at risk since 2026-09'],
    });
  });
});
