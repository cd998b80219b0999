import { beforeAll, describe, expect, it } from 'vitest';
import type { Period } from '../../../../shared/domain/period';
import type { QuarterlyReviewInputs } from '../../../../shared/domain/review/quarterly-review-inputs';
import {
  type QuarterlyReviewModel,
  quarterlyReviewModel,
} from '../../../../shared/domain/review/quarterly-review-model';
import type { RollupSnapshot } from '../../../../shared/domain/rollup/rollup-snapshot';
import { loadSnapshot } from '../../../../shared/use-cases/snapshot-storage';
import type { InMemoryDependencies } from '../../../support/fakes/in-memory-dependencies';
import { MITIGATION_TEXT, SCENARIO_MONTHS, scenarioInputs } from '../../../support/quarterly-review-scenario';

/**
 * The quarterly review model of FY2027-Q1 from six months submitted and rolled up through the
 * in-memory ports (test/support/quarterly-review-scenario.ts), checked against the stored
 * snapshots read independently of the model.
 */
let deps: InMemoryDependencies;
let inputs: QuarterlyReviewInputs;
let model: QuarterlyReviewModel;
const snapshots = new Map<string, RollupSnapshot>();

beforeAll(async () => {
  ({ deps, inputs } = await scenarioInputs());
  model = quarterlyReviewModel(inputs);
  for (const period of SCENARIO_MONTHS) {
    const record = await deps.snapshotIndex.latest(period as Period);
    if (record) snapshots.set(period, await loadSnapshot(deps.reportObjects, record));
  }
}, 60_000);

const snapshot = (period: string) => snapshots.get(period) as RollupSnapshot;
const goalIds = () => snapshot('2026-12').goals.map((goal) => goal.id);
const activitiesOfGoal = (goalId: string) =>
  new Set(
    snapshot('2026-12')
      .keyActivities.filter((a) => a.goalId === goalId)
      .map((a) => a.id),
  );

describe('a quarter not fully rolled up', () => {
  it('renders a quarter whose months are not all rolled up yet, saying which', async () => {
    const partial = structuredClone(inputs);
    const last = partial.months[2];
    if (last) Object.assign(last, { snapshot: null, content: null });
    const partialModel = quarterlyReviewModel(partial);
    expect(partialModel.monthsWithoutData).toEqual(['2026-12']);
    expect(partialModel.goals[0]?.progress.endPeriod).toBe('2026-11');
  });
});

describe('the review of every goal', () => {
  it('gives progress this quarter from the month before it to its last month', () => {
    for (const goal of model.goals) {
      const start = snapshot('2026-09').goals.find((candidate) => candidate.id === goal.id);
      const end = snapshot('2026-12').goals.find((candidate) => candidate.id === goal.id);
      expect(goal.progress).toMatchObject({
        startPeriod: '2026-09',
        startPercent: start?.percentComplete,
        endPeriod: '2026-12',
        endPercent: end?.percentComplete,
        endStatus: end?.status,
      });
    }
    expect(model.goals.map((goal) => goal.id)).toEqual(goalIds());
  });

  it('counts as completed the entries Complete at the end that were not at the start', () => {
    for (const goal of model.goals) {
      const activities = activitiesOfGoal(goal.id);
      const before = new Map(
        snapshot('2026-09').rows.map((row) => [`${row.office}/${row.activityId}`, row.status]),
      );
      const completed = snapshot('2026-12').rows.filter(
        (row) =>
          activities.has(row.activityId) &&
          row.status === 'Complete' &&
          before.get(`${row.office}/${row.activityId}`) !== 'Complete',
      );
      expect(goal.progress.entriesCompleted).toBe(completed.length);
      expect(goal.accomplishments.map((item) => `${item.office}/${item.activityId}`).sort()).toEqual(
        completed.map((row) => `${row.office}/${row.activityId}`).sort(),
      );
    }
    expect(model.goals.reduce((sum, goal) => sum + goal.progress.entriesCompleted, 0)).toBeGreaterThan(0);
  });

  it('gives the trend over every quarter of the plan so far', () => {
    for (const goal of model.goals) {
      expect(goal.trend.map((point) => point.quarter)).toEqual(['FY2026-Q4', 'FY2027-Q1']);
      expect(goal.trend.map((point) => point.percentComplete)).toEqual([
        snapshot('2026-09').goals.find((candidate) => candidate.id === goal.id)?.percentComplete,
        snapshot('2026-12').goals.find((candidate) => candidate.id === goal.id)?.percentComplete,
      ]);
    }
  });

  it('judges the likelihood by the rollup’s pace rule, fitted over every month so far, against the plan’s end', () => {
    for (const goal of model.goals) {
      const ys = SCENARIO_MONTHS.map(
        (period) =>
          snapshot(period).goals.find((candidate) => candidate.id === goal.id)?.percentComplete as number,
      );
      const xs = ys.map((_, index) => index);
      const meanX = xs.reduce((a, b) => a + b) / xs.length;
      const meanY = ys.reduce((a, b) => a + b) / ys.length;
      const slope =
        xs.reduce((sum, x, index) => sum + (x - meanX) * ((ys[index] as number) - meanY), 0) /
        xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
      const monthsLeft = (Date.parse('2028-09-30') - Date.parse('2026-12-31')) / 86_400_000 / (365.25 / 12);
      expect(goal.likelihood.pace).toBeCloseTo(slope, 6);
      expect(goal.likelihood.requiredPace).toBeCloseTo((100 - (ys.at(-1) as number)) / monthsLeft, 6);
      expect(goal.likelihood.rule).toMatch(/^pace/);
    }
  });

  it('ranks goal 2 (its entries Off Track and At Risk) High and gives its improvement strategies from the offices’ mitigation', () => {
    const goal2 = model.goals.find((goal) => goal.id === '2');
    expect(goal2?.risk).toMatchObject({ category: 'High', rule: 'off-track' });
    expect(goal2?.mostAtRisk).toBe(true);
    const atRisk = snapshot('2026-12').rows.filter(
      (row) =>
        activitiesOfGoal('2').has(row.activityId) && (row.status === 'At Risk' || row.status === 'Off Track'),
    );
    expect(goal2?.improvementStrategies.map((s) => `${s.office}/${s.activityId}`).sort()).toEqual(
      atRisk.map((row) => `${row.office}/${row.activityId}`).sort(),
    );
    expect(goal2?.improvementStrategies.length).toBeGreaterThan(0);
    for (const strategy of goal2?.improvementStrategies ?? [])
      expect(strategy.mitigation).toBe(MITIGATION_TEXT(strategy.office, strategy.activityId));
    for (const goal of model.goals.filter((candidate) => candidate.id !== '2')) {
      expect(goal.mostAtRisk).toBe(false);
      expect(goal.improvementStrategies).toEqual([]);
    }
    expect(model.riskCounts.High).toBe(1);
  });

  it('lists as next steps the milestones due in the coming quarter that are not complete', () => {
    for (const goal of model.goals) {
      const expected = snapshot('2026-12').rows.filter(
        (row) =>
          activitiesOfGoal(goal.id).has(row.activityId) &&
          row.status !== 'Complete' &&
          (row.milestoneDue ?? '') >= '2027-01-01' &&
          (row.milestoneDue ?? '') <= '2027-03-31',
      );
      expect(goal.nextSteps.map((step) => `${step.office}/${step.activityId}`).sort()).toEqual(
        expected.map((row) => `${row.office}/${row.activityId}`).sort(),
      );
      const dues = goal.nextSteps.map((step) => step.due);
      expect(dues).toEqual([...dues].sort());
    }
    expect(model.goals.every((goal) => goal.nextSteps.length > 0)).toBe(true);
  });

  it('names each contributing office: on time or late, share of its entries on track, unchanged entries', () => {
    const goal2 = model.goals.find((goal) => goal.id === '2');
    const byOffice = new Map(goal2?.contributors.map((contributor) => [contributor.office, contributor]));
    expect(byOffice.get('USBP')).toMatchObject({ onTime: 2, late: 1, notReported: 0 });
    expect(byOffice.get('ES')).toMatchObject({ onTime: 2, late: 0, notReported: 1 });
    expect(byOffice.get('OFO')).toMatchObject({ onTime: 3, late: 0, notReported: 0 });
    for (const contributor of goal2?.contributors ?? []) {
      const rows = snapshot('2026-12').rows.filter(
        (row) => row.office === contributor.office && activitiesOfGoal('2').has(row.activityId),
      );
      const onTrack = rows.filter((row) => row.status === 'On Track' || row.status === 'Complete').length;
      expect(contributor.onTrack).toBe(onTrack);
      expect(contributor.onTrackShare).toBeCloseTo(onTrack / contributor.entries, 9);
    }
    const ot = byOffice.get('OT');
    const otRows = deps.catalog.activitiesOf('OT').filter((activity) => activity.goalId === '2').length;
    expect(ot).toMatchObject({ reported: otRows * 3, unchanged: otRows * 2 });
  });

  it('says "N of M entries unchanged since last period" for the quarter from the level counts', () => {
    const reported = ['2026-10', '2026-11', '2026-12'].reduce(
      (sum, p) => sum + snapshot(p).agency.reported,
      0,
    );
    const unchanged = ['2026-10', '2026-11', '2026-12'].reduce(
      (sum, p) => sum + (snapshot(p).agency.unchanged ?? 0),
      0,
    );
    expect(model.agency.unchanged).toEqual({ reported, unchanged });
    expect(unchanged).toBe(deps.catalog.activitiesOf('OT').length * 2);
  });

  it('reviews every objective and mission area the same way', () => {
    expect(model.objectives.map((objective) => objective.id)).toEqual(
      snapshot('2026-12').objectives.map((objective) => objective.id),
    );
    expect(model.missionAreas.map((area) => area.id)).toEqual(
      snapshot('2026-12').missionAreas.map((area) => area.id),
    );
    for (const level of [...model.objectives, ...model.missionAreas]) {
      expect(level.trend).toHaveLength(2);
      expect(level.contributors.length).toBeGreaterThan(0);
      expect(['High', 'Medium', 'Low']).toContain(level.risk.category);
    }
  });
});

describe('the data-quality appendix', () => {
  const office = (code: string) => model.dataQuality.offices.find((candidate) => candidate.office === code);

  it('gives each office’s attestation from its last reported month, and says when a month had none', () => {
    expect(office('OFO')?.attestation?.approvedBy.email).toBe('ofo.director@example.gov');
    expect(office('OFO')?.attestationPeriod).toBe('2026-12');
    expect(office('OS')?.templateVersion1Months).toEqual(['2026-10']);
    expect(office('OS')?.attestation).not.toBeNull();
    expect(office('ES')?.attestationPeriod).toBe('2026-12');
  });

  it('counts rejected attempts before acceptance, with their rules', () => {
    expect(office('AMO')?.rejectedBeforeAcceptance).toBe(2);
    expect(office('AMO')?.months[0]?.rejectedRules).toEqual([
      'attestation.missing-field',
      'status.allowed-values',
    ]);
    expect(office('OFO')?.rejectedBeforeAcceptance).toBe(0);
  });

  it('states each office’s reliability by the written rule, and the whole by the weakest', () => {
    expect(office('OFO')?.reliability.verdict).toBe('sufficiently reliable');
    expect(office('OT')?.reliability).toMatchObject({
      verdict: 'not sufficiently reliable',
      rule: 'mostly-unchanged',
    });
    expect(office('ES')?.reliability).toMatchObject({
      verdict: 'not sufficiently reliable',
      rule: 'months-not-reported',
    });
    expect(model.dataQuality.overall).toBe('not sufficiently reliable');
  });

  it('is undetermined for an office whose last month was on template version 1', () => {
    const v1 = structuredClone(inputs);
    for (const month of v1.months)
      for (const input of month.content?.inputs ?? [])
        if (input.office === 'OFO') {
          delete input.attestation;
          input.templateVersion = '1';
        }
    const ofo = quarterlyReviewModel(v1).dataQuality.offices.find((candidate) => candidate.office === 'OFO');
    expect(ofo?.attestation).toBeNull();
    expect(ofo?.reliability).toMatchObject({ verdict: 'undetermined', rule: 'no-attestation' });
    expect(ofo?.templateVersion1Months).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('treats a month rolled up before issue 16 (schema 1: no comparison, no attestation) as unknown, not zero', () => {
    const old = structuredClone(inputs);
    const october = old.months[0]?.content;
    if (!october) throw new Error('no October');
    october.schemaVersion = 1;
    for (const input of october.inputs) {
      delete input.comparedWith;
      delete input.attestation;
      delete input.templateVersion;
    }
    for (const row of october.rows) delete row.unchanged;
    for (const level of [october.agency, ...october.goals]) delete level.unchanged;
    const oldModel = quarterlyReviewModel(old);
    expect(oldModel.agency.unchanged.unchanged).toBeNull();
    expect(oldModel.goals[0]?.unchanged.unchanged).toBeNull();
    const ofo = oldModel.dataQuality.offices.find((candidate) => candidate.office === 'OFO');
    expect(ofo?.attestation).not.toBeNull();
    expect(ofo?.unchanged.unchanged).toBeNull();
    expect(ofo?.reliability).toMatchObject({ verdict: 'undetermined', rule: 'unchanged-unknown' });
  });
});
