import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../../shared/domain/catalog/catalog';
import { InvalidInputError } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import { carryForwardAge, mayCarryForward } from '../../../../shared/domain/rollup/carry-forward';
import { computeRollup } from '../../../../shared/domain/rollup/compute-rollup';
import { rollup, rollupAfter, row, submission } from '../../../support/rollup-fixtures';

const ofa = (period: string, fields = {}) =>
  submission(
    'OFA',
    period,
    ['1.1.1', '1.1.2', '2.1.1', '2.2.1'].map((id) => row(id, fields)),
  );

describe('carry-forward (docs/status-rules.md)', () => {
  it('ages a value by the months since the period it was reported in', () => {
    expect(carryForwardAge('2026-09', parsePeriod('2026-10'))).toBe(1);
    expect(carryForwardAge('2025-12', parsePeriod('2026-02'))).toBe(2);
    expect(mayCarryForward('2026-07', parsePeriod('2026-10'), 3)).toBe(true);
    expect(mayCarryForward('2026-06', parsePeriod('2026-10'), 3)).toBe(false);
    expect(mayCarryForward('2026-10', parsePeriod('2026-10'), 3)).toBe(false);
    expect(mayCarryForward('2026-09', parsePeriod('2026-10'), 0)).toBe(false);
  });

  it('carries an unreported entry from the previous snapshot, marked and never counted as reported', () => {
    const september = rollup('2026-09', [
      ofa('2026-09', { percentComplete: 70, milestoneDue: '2026-10-15' }),
    ]);
    const october = rollupAfter(september, '2026-10', []);
    const carried = october.rows.find((entry) => entry.office === 'OFA' && entry.activityId === '1.1.2');
    expect(carried).toMatchObject({
      source: 'carried-forward',
      fromPeriod: '2026-09',
      revision: 1,
      percentComplete: 70,
      // Not overdue in September; overdue by the end of October.
      milestoneOverdue: true,
    });
    expect(october.agency).toMatchObject({ reported: 0, carriedForward: 4, missing: 6, percentComplete: 70 });
    expect(october.offices[0]).toMatchObject({
      code: 'OFA',
      submitted: false,
      reported: 0,
      carriedForward: 4,
    });
    expect(october.completeness.carriedForward).toEqual(
      ['1.1.1', '1.1.2', '2.1.1', '2.2.1'].map((activityId) => ({
        office: 'OFA',
        activityId,
        fromPeriod: '2026-09',
      })),
    );
    expect(october.completeness.officesMissing).toEqual(['OFA', 'OFB', 'OFC']);
  });

  it('keeps the original period through a chain of carries and stops after the maximum age', () => {
    let snapshot = rollup('2026-06', [ofa('2026-06')]);
    for (const [period, carried] of [
      ['2026-07', 4],
      ['2026-08', 4],
      ['2026-09', 4],
      ['2026-10', 0],
    ] as const) {
      snapshot = rollupAfter(snapshot, period, []);
      expect(snapshot.agency.carriedForward, period).toBe(carried);
      if (carried > 0) expect(snapshot.rows.every((entry) => entry.fromPeriod === '2026-06')).toBe(true);
    }
    expect(snapshot.agency).toMatchObject({ carriedForward: 0, missing: 10, status: 'No Data' });
  });

  it('fresh data replaces a carried value, and a maximum age of 0 turns carrying off', () => {
    const september = rollup('2026-09', [ofa('2026-09', { percentComplete: 70 })]);
    const fresh = rollupAfter(september, '2026-10', [ofa('2026-10', { percentComplete: 75 })]);
    expect(fresh.agency).toMatchObject({ reported: 4, carriedForward: 0 });
    expect(fresh.rows.every((entry) => entry.source === 'reported' && entry.fromPeriod === '2026-10')).toBe(
      true,
    );
    const off = rollupAfter(september, '2026-10', [], { options: { carryForwardMaxAgeMonths: 0 } });
    expect(off.agency).toMatchObject({ reported: 0, carriedForward: 0, missing: 10 });
    expect(off.rules?.carryForwardMaxAgeMonths).toBe(0);
  });

  it('refuses a maximum age that is not a whole number of months [rollup.carry-forward-age]', () => {
    for (const age of [-1, 1.5, 121]) {
      expect(() => rollup('2026-10', [], { options: { carryForwardMaxAgeMonths: age } })).toThrow(
        InvalidInputError,
      );
      expect(() => rollup('2026-10', [], { options: { carryForwardMaxAgeMonths: age } })).toThrow(
        /\[rollup\.carry-forward-age\]/,
      );
    }
  });
});

describe('carry-forward across a catalog change', () => {
  it('matches the previous snapshot by office and key activity even when its order differs', () => {
    const september = rollup('2026-09', [
      submission('OFA', '2026-09', [
        row('1.1.1', { percentComplete: 11 }),
        row('2.2.1', { percentComplete: 22 }),
      ]),
      submission('OFC', '2026-09', [
        row('2.1.2', { status: 'At Risk', risksAndIssues: 'x', percentComplete: 33 }),
      ]),
    ]);
    // Version 2 of the plan lists OFC first and drops 1.1.1 from OFA.
    const reordered = parseCatalog({
      id: 'small-plan',
      version: '2.0.0',
      title: 'Small Plan',
      goals: [
        { id: '1', title: 'People' },
        { id: '2', title: 'Mission' },
      ],
      missionAreas: [{ id: 'north', goalId: '2', title: 'North' }],
      objectives: [
        {
          id: '1.1',
          goalId: '1',
          title: 'Hire',
          desiredOutcome: 'Hired.',
          keyActivities: [{ id: '1.1.1', text: 'Recruit.' }],
        },
        {
          id: '2.1',
          goalId: '2',
          missionAreaId: 'north',
          title: 'Patrol',
          desiredOutcome: 'Patrolled.',
          keyActivities: [
            { id: '2.1.1', text: 'Watch.' },
            { id: '2.1.2', text: 'Fly.' },
          ],
        },
        {
          id: '2.2',
          goalId: '2',
          title: 'Trade',
          desiredOutcome: 'Traded.',
          keyActivities: [{ id: '2.2.1', text: 'Inspect.' }],
        },
      ],
      offices: [
        { code: 'OFC', name: 'Office C' },
        { code: 'OFA', name: 'Office A' },
      ],
      assignments: { '1.1.1': ['OFC'], '2.1.1': ['OFA'], '2.1.2': ['OFC'], '2.2.1': ['OFA', 'OFC'] },
    });
    const october = computeRollup({
      catalog: reordered,
      period: parsePeriod('2026-10'),
      submissions: [],
      previous: { snapshot: september, ref: { period: '2026-09', version: 1, sha256: 'c'.repeat(64) } },
      history: [],
    });
    expect(
      october.rows.map((entry) => [entry.office, entry.activityId, entry.percentComplete, entry.source]),
    ).toEqual([
      ['OFC', '2.1.2', 33, 'carried-forward'],
      ['OFA', '2.2.1', 22, 'carried-forward'],
    ]);
    expect(october.agency).toMatchObject({ expected: 5, reported: 0, carriedForward: 2, missing: 3 });
  });
});
