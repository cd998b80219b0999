import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../../shared/catalog/default-catalog';
import { addMonths, parsePeriod } from '../../../../shared/domain/period';
import { computeRollup } from '../../../../shared/domain/rollup/compute-rollup';
import { ROLLUP_RULES_VERSION } from '../../../../shared/domain/rollup/rollup-inputs';
import { rollupSnapshotSchema } from '../../../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../../../shared/domain/sha256';
import {
  historyOf,
  rollup,
  rollupAfter,
  row,
  smallCatalog,
  submission,
} from '../../../support/rollup-fixtures';
import { emptySnapshot } from '../../../support/snapshot-fixture';

const october = () =>
  rollup('2026-10', [
    submission('OFB', '2026-10', [
      row('1.1.1', { status: 'Complete', percentComplete: 100 }),
      row('1.2.1', { status: 'Not Started', percentComplete: 0 }),
      row('2.1.1', { status: 'At Risk', percentComplete: 30, risksAndIssues: 'staffing' }),
    ]),
    submission('OFA', '2026-10', [
      row('1.1.1', { percentComplete: 60, actual: 30, target: 40, metric: 'hires' }),
      row('1.1.2', { percentComplete: 20, actual: 5, target: 0 }),
      row('2.1.1', {
        status: 'Off Track',
        percentComplete: 10,
        risksAndIssues: 'budget',
        milestoneDue: '2026-09-30',
      }),
      row('2.2.1', { percentComplete: 80, actual: 9, target: 6 }),
    ]),
  ]);

describe('computeRollup', () => {
  it('produces a snapshot the schema accepts, as of the last day of the period', () => {
    const snapshot = october();
    expect(rollupSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      schemaVersion: 2,
      period: '2026-10',
      asOf: '2026-10-31',
      catalog: { id: 'small-plan', version: '1.0.0', title: 'Small Plan' },
      previousSnapshot: null,
      rules: { version: ROLLUP_RULES_VERSION, carryForwardMaxAgeMonths: 3 },
      trendSources: [],
    });
    expect(rollup('2028-02', []).asOf).toBe('2028-02-29');
  });

  it('puts every expected entry in exactly one counted status', () => {
    const snapshot = october();
    expect(snapshot.agency).toMatchObject({
      statusCounts: {
        'Not Started': 1,
        'On Track': 3,
        'At Risk': 1,
        'Off Track': 1,
        Complete: 1,
        'Not Reported': 3,
      },
      expected: 10,
      reported: 7,
      carriedForward: 0,
      missing: 3,
      // 2 of 7 entries with data troubled ≥ 1 in 5; 1 Off Track < 1 in 5.
      status: 'At Risk',
      statusRule: 'at-risk-share',
    });
    const activity211 = snapshot.keyActivities.find((activity) => activity.id === '2.1.1');
    expect(activity211).toMatchObject({
      offices: ['OFA', 'OFB', 'OFC'],
      expected: 3,
      reported: 2,
      missing: 1,
      percentComplete: 20,
      status: 'Off Track',
      statusRule: 'off-track-share',
    });
    expect(
      snapshot.offices.map((office) => [office.code, office.expected, office.reported, office.submitted]),
    ).toEqual([
      ['OFA', 4, 4, true],
      ['OFB', 3, 3, true],
      ['OFC', 3, 0, false],
    ]);
    expect(snapshot.offices[2]).toMatchObject({
      status: 'No Data',
      percentComplete: null,
      likelihood: 'Unknown',
    });
    expect(snapshot.offices[0]).toMatchObject({
      revision: 1,
      submittedAt: '2026-10-28T12:00:00.000Z',
      uploader: 'ofa@example.gov',
      percentComplete: 42.5,
    });
  });

  it('takes metric attainment as actual ÷ target where both are given and the target is not 0', () => {
    const snapshot = october();
    const rows = snapshot.rows.filter((entry) => entry.office === 'OFA');
    expect(rows.map((entry) => entry.attainment)).toEqual([0.75, undefined, undefined, 1.5]);
    expect(snapshot.agency).toMatchObject({ metricAttainment: 1.125, metricCount: 2 });
    expect(snapshot.goals.map((goal) => [goal.metricAttainment, goal.metricCount])).toEqual([
      [0.75, 1],
      [1.5, 1],
    ]);
  });

  it('lists inputs, rows and completeness in catalog office and key activity order', () => {
    const snapshot = october();
    expect(snapshot.inputs.map((input) => input.office)).toEqual(['OFA', 'OFB']);
    expect(snapshot.inputs[0]).toEqual({
      office: 'OFA',
      revision: 1,
      submissionId: 'OFA-2026-10-1',
      sha256: sha256Hex('OFA/2026-10/1'),
      acceptedAt: '2026-10-28T12:00:00.000Z',
      uploader: 'ofa@example.gov',
      rowCount: 4,
    });
    expect(snapshot.rows.map((entry) => `${entry.office} ${entry.activityId}`)).toEqual([
      'OFA 1.1.1',
      'OFA 1.1.2',
      'OFA 2.1.1',
      'OFA 2.2.1',
      'OFB 1.1.1',
      'OFB 1.2.1',
      'OFB 2.1.1',
    ]);
    expect(snapshot.rows[2]).toEqual({
      office: 'OFA',
      activityId: '2.1.1',
      status: 'Off Track',
      percentComplete: 10,
      risksAndIssues: 'budget',
      milestoneDue: '2026-09-30',
      milestoneOverdue: true,
      source: 'reported',
      fromPeriod: '2026-10',
      revision: 1,
    });
    expect(snapshot.completeness).toEqual({
      officesExpected: ['OFA', 'OFB', 'OFC'],
      officesSubmitted: ['OFA', 'OFB'],
      officesMissing: ['OFC'],
      activitiesNotReported: [
        { office: 'OFC', activityId: '2.1.1' },
        { office: 'OFC', activityId: '2.1.2' },
        { office: 'OFC', activityId: '2.2.1' },
      ],
      carriedForward: [],
      overdueMilestones: [
        { office: 'OFA', activityId: '2.1.1', milestoneDue: '2026-09-30', status: 'Off Track' },
      ],
    });
  });

  it('does not call a milestone due on the last day, or a Complete one, overdue', () => {
    const snapshot = rollup('2026-10', [
      submission('OFA', '2026-10', [
        row('1.1.1', { milestoneDue: '2026-10-31' }),
        row('1.1.2', { status: 'Complete', percentComplete: 100, milestoneDue: '2026-01-01' }),
      ]),
    ]);
    expect(snapshot.rows.map((entry) => entry.milestoneOverdue)).toEqual([false, false]);
    expect(snapshot.completeness.overdueMilestones).toEqual([]);
  });

  it('leaves out rows and offices the catalog does not expect', () => {
    const snapshot = rollup('2026-10', [
      submission('OFC', '2026-10', [row('1.1.1'), row('9.9.9'), row('2.1.2')]),
      submission('ZZZ', '2026-10', [row('1.1.1')]),
    ]);
    expect(snapshot.rows.map((entry) => `${entry.office} ${entry.activityId}`)).toEqual(['OFC 2.1.2']);
    expect(snapshot.inputs.map((input) => input.office)).toEqual(['OFC']);
    expect(snapshot.agency.reported).toBe(1);
  });

  it('refuses inconsistent inputs: two revisions of an office, two rows of an entry, another period', () => {
    expect(() =>
      rollup('2026-10', [submission('OFA', '2026-10', [row('1.1.1')]), submission('OFA', '2026-10', [], 2)]),
    ).toThrow(/two current revisions for OFA 2026-10/);
    expect(() => rollup('2026-10', [submission('OFA', '2026-10', [row('1.1.1'), row('1.1.1')])])).toThrow(
      /two rows for 1.1.1/,
    );
    expect(() => rollup('2026-10', [submission('OFA', '2026-09', [])])).toThrow(/is not of 2026-10/);
    const later = rollup('2026-11', []);
    expect(() =>
      rollup('2026-10', [], {
        previous: { snapshot: later, ref: { period: '2026-11', version: 1, sha256: 'a'.repeat(64) } },
      }),
    ).toThrow(/is not before 2026-10/);
  });

  it('keeps the last 12 periods in the trend, oldest first, this period last', () => {
    // 2025-01 … 2026-02: fourteen earlier periods, of which the trend keeps the last eleven.
    const earlier = Array.from({ length: 14 }, (_, index) =>
      rollup(addMonths(parsePeriod('2025-01'), index), []),
    );
    const snapshot = rollup('2026-03', [submission('OFA', '2026-03', [row('1.1.1')])], {
      history: historyOf([...earlier].reverse()),
    });
    expect(snapshot.trend.map((point) => point.period)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(snapshot.trendSources?.map((source) => source.period)).toEqual(
      snapshot.trend.slice(0, 11).map((point) => point.period),
    );
    expect(snapshot.trend[11]).toEqual({
      period: '2026-03',
      agency: { percentComplete: 50, status: 'On Track' },
      goals: [
        { id: '1', percentComplete: 50, status: 'On Track' },
        { id: '2', percentComplete: null, status: 'No Data' },
      ],
      missionAreas: [
        { id: 'north', percentComplete: null, status: 'No Data' },
        { id: 'south', percentComplete: null, status: 'No Data' },
      ],
    });
    expect(() => rollup('2026-03', [], { history: historyOf([earlier[4], earlier[4]] as never) })).toThrow(
      /two points for 2025-05/,
    );
  });

  it('gives a period with no submissions the shape the storage and render tests use', () => {
    const period = parsePeriod('2026-09');
    const snapshot = computeRollup({
      catalog: defaultCatalog(),
      period,
      submissions: [],
      previous: null,
      history: [],
    });
    // The fixture is hand-made: it has no trend, rules record or likelihood rule ids.
    const { rules: _rules, trendSources: _sources, trend, ...rest } = snapshot;
    const withoutRule = <T extends { likelihoodRule?: string }>({ likelihoodRule: _rule, ...level }: T) =>
      level;
    expect({
      ...rest,
      trend: [],
      agency: withoutRule(rest.agency),
      goals: rest.goals.map(withoutRule),
      missionAreas: rest.missionAreas.map(withoutRule),
      objectives: rest.objectives.map(withoutRule),
      keyActivities: rest.keyActivities.map(withoutRule),
      offices: rest.offices.map(withoutRule),
    }).toEqual(emptySnapshot(period, snapshot.inputHash));
    expect(trend).toHaveLength(1);
    expect(snapshot.agency.expected).toBe(106);
  });

  it('rolls up on top of the previous snapshot and names it', () => {
    const september = october();
    const next = rollupAfter(september, '2026-11', []);
    expect(next.previousSnapshot).toEqual({
      period: '2026-10',
      version: 1,
      sha256: sha256Hex(september.inputHash),
    });
    expect(smallCatalog.keyActivities).toHaveLength(6);
  });
});
