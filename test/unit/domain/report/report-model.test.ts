import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/period';
import { buildReportModel } from '../../../../shared/domain/report/report-model';
import { populatedSnapshot } from '../../../support/populated-snapshot';
import { emptySnapshot } from '../../../support/snapshot-fixture';

const context = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 2,
  snapshotSha256: 'e'.repeat(64),
};

describe('the report model', () => {
  const snapshot = populatedSnapshot();
  const model = buildReportModel(snapshot, context);

  it('dates the report by the snapshot record, not the clock', () => {
    expect(model).toMatchObject({
      generatedAt: '2026-11-05T12:00:00.000Z',
      generatedOn: '2026-11-05',
      period: '2026-10',
      periodLabel: 'October 2026',
      markingBanner: null,
      offices: { reported: 5, expected: 6, text: '5 of 6 offices reported' },
    });
  });

  it('puts every entry under its goal, objective and activity, offices in catalog order, and names the ones not reported', () => {
    const entries = model.goals.flatMap((goal) =>
      goal.objectives.flatMap((objective) => objective.activities.flatMap((activity) => activity.entries)),
    );
    expect(entries).toHaveLength(snapshot.rows.length);
    const notReported = model.goals.flatMap((goal) =>
      goal.objectives.flatMap((objective) =>
        objective.activities.flatMap((activity) =>
          activity.notReported.map((office) => ({ office, activityId: activity.activity.id })),
        ),
      ),
    );
    expect(notReported).toHaveLength(snapshot.completeness.activitiesNotReported.length);
    const order = snapshot.offices.map((office) => office.code);
    for (const goal of model.goals)
      for (const objective of goal.objectives)
        for (const activity of objective.activities) {
          const positions = activity.entries.map((entry) => order.indexOf(entry.office));
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        }
  });

  it('summarises changes and the top five risks', () => {
    expect(model.executiveSummary.overall).toContain('5 of 6 offices reported');
    expect(model.executiveSummary.changes[0]).toMatch(
      /^Agency percent complete \d+\.\d%, [+-]\d+\.\d pts since 2026-09\.$/,
    );
    expect(model.executiveSummary.changes).toContain('Not reported this period: ES.');
    expect(model.executiveSummary.topRisks.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('carries the trend of agency, goals and mission areas with gaps kept as gaps', () => {
    expect(model.trend.periods).toHaveLength(12);
    expect(model.trend.byGoal.map((series) => series.label)).toEqual([
      'Agency',
      'Goal 1',
      'Goal 2',
      'Goal 3',
      'Goal 4',
    ]);
    expect(model.trend.byGoal[4]?.values[2]).toBeNull();
    expect(model.trend.byMissionArea).toHaveLength(4);
  });

  it('handles a period in which nobody reported', () => {
    const empty = buildReportModel(emptySnapshot(parsePeriod('2026-10')), context);
    expect(empty.offices.text).toBe('0 of 6 offices reported');
    expect(empty.executiveSummary.topRisks).toEqual([]);
    expect(empty.executiveSummary.changes[0]).toBe(
      'Agency percent complete no data; no earlier period to compare with.',
    );
  });
});
