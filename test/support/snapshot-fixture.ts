import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { type Period, periodBounds } from '../../shared/domain/period';
import {
  type LevelSummary,
  type RollupSnapshot,
  rollupSnapshotSchema,
  SNAPSHOT_SCHEMA_VERSION,
} from '../../shared/domain/rollup/rollup-snapshot';

/** A level with nothing reported: what a period with no submissions looks like. */
function emptyLevel(expected: number): LevelSummary {
  return {
    statusCounts: {
      'Not Started': 0,
      'On Track': 0,
      'At Risk': 0,
      'Off Track': 0,
      Complete: 0,
      'Not Reported': expected,
    },
    expected,
    reported: 0,
    carriedForward: 0,
    missing: expected,
    unchanged: 0,
    percentComplete: null,
    metricAttainment: null,
    metricCount: 0,
    status: 'No Data',
    statusRule: 'no-data',
    likelihood: 'Unknown',
    change: { previousStatus: null, previousPercentComplete: null, percentDelta: null, movement: 'new' },
  };
}

/**
 * A schema-valid snapshot of a period in which no office reported. For storage and rendering
 * tests that need a snapshot's shape, not rollup arithmetic (the rollup's own tests cover that).
 */
export function emptySnapshot(period: Period, inputHash = 'f'.repeat(64)): RollupSnapshot {
  const catalog = defaultCatalog();
  const entries = (activities: readonly { offices: readonly string[] }[]) =>
    activities.reduce((total, activity) => total + activity.offices.length, 0);
  const snapshot: RollupSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    period,
    asOf: periodBounds(period).last,
    catalog: { id: catalog.id, version: catalog.version, title: catalog.title },
    inputs: [],
    previousSnapshot: null,
    inputHash,
    agency: emptyLevel(entries(catalog.keyActivities)),
    goals: catalog.goals.map((goal) => ({
      id: goal.id,
      title: goal.title,
      ...emptyLevel(entries(catalog.keyActivities.filter((activity) => activity.goalId === goal.id))),
    })),
    missionAreas: catalog.missionAreas.map((area) => ({
      id: area.id,
      goalId: area.goalId,
      title: area.title,
      ...emptyLevel(entries(catalog.keyActivities.filter((activity) => activity.missionAreaId === area.id))),
    })),
    objectives: catalog.objectives.map((objective) => ({
      id: objective.id,
      goalId: objective.goalId,
      ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
      title: objective.title,
      ...emptyLevel(entries(objective.keyActivities)),
    })),
    keyActivities: catalog.keyActivities.map((activity) => ({
      id: activity.id,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      text: activity.text,
      offices: [...activity.offices],
      ...emptyLevel(activity.offices.length),
    })),
    offices: catalog.offices.map((office) => ({
      code: office.code,
      name: office.name,
      submitted: false,
      ...emptyLevel(catalog.activitiesOf(office.code).length),
    })),
    rows: [],
    changes: { statusMoves: [] },
    completeness: {
      officesExpected: catalog.offices.map((office) => office.code),
      officesSubmitted: [],
      officesMissing: catalog.offices.map((office) => office.code),
      activitiesNotReported: catalog.offices.flatMap((office) =>
        catalog
          .activitiesOf(office.code)
          .map((activity) => ({ office: office.code, activityId: activity.id })),
      ),
      carriedForward: [],
      overdueMilestones: [],
    },
    atRisk: [],
    trend: [],
  };
  return rollupSnapshotSchema.parse(snapshot);
}
