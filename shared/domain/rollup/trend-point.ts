import type { RollupSnapshot, TrendPoint } from './rollup-snapshot';

/** The headline numbers of a snapshot that later periods chart as their trend. */
export function trendPointOf(
  snapshot: Pick<RollupSnapshot, 'period' | 'agency' | 'goals' | 'missionAreas'>,
): TrendPoint {
  return {
    period: snapshot.period,
    agency: { percentComplete: snapshot.agency.percentComplete, status: snapshot.agency.status },
    goals: snapshot.goals.map((goal) => ({
      id: goal.id,
      percentComplete: goal.percentComplete,
      status: goal.status,
    })),
    missionAreas: snapshot.missionAreas.map((area) => ({
      id: area.id,
      percentComplete: area.percentComplete,
      status: area.status,
    })),
  };
}
