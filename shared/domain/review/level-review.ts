import type { LikelihoodAssessment } from '../rollup/likelihood';
import type { LevelSummary } from '../rollup/rollup-snapshot';
import { type Accomplishment, accomplishmentsOf } from './accomplishments';
import { type Contributor, contributorsOf } from './contributors';
import {
  type QuarterProgress,
  quarterLikelihood,
  quarterProgress,
  quarterTrend,
  type TrendQuarter,
} from './level-progress';
import { type NextStep, nextStepsOf } from './next-steps';
import type { OfficeMonth } from './office-timeliness';
import { activitiesOf, type LevelKind, type QuarterView } from './quarter-view';
import { type RiskAssessment, riskCategoryOf } from './risk-category';
import { type UnchangedCount, unchangedOfLevel } from './unchanged-count';

/** Everything the review says about one goal, objective or mission area. */
export interface LevelReview {
  readonly kind: LevelKind;
  readonly id: string;
  readonly title: string;
  readonly goalId: string;
  readonly missionAreaId?: string;
  readonly progress: QuarterProgress;
  readonly trend: readonly TrendQuarter[];
  readonly likelihood: LikelihoodAssessment;
  readonly risk: RiskAssessment;
  readonly contributors: readonly Contributor[];
  readonly unchanged: UnchangedCount;
  readonly accomplishments: readonly Accomplishment[];
  readonly nextSteps: readonly NextStep[];
}

type Level = LevelSummary & {
  id: string;
  title: string;
  goalId?: string;
  missionAreaId?: string | undefined;
};

export function levelReview(
  view: QuarterView,
  kind: LevelKind,
  level: Level,
  officeMonths: ReadonlyMap<string, readonly OfficeMonth[]>,
): LevelReview {
  const { end } = view;
  const activities = activitiesOf(end, kind, level.id);
  const rows = end.rows.filter((row) => activities.has(row.activityId));
  const likelihood = quarterLikelihood(view, kind, level.id, level);
  const risk = riskCategoryOf({
    status: level.status,
    likelihood: likelihood.likelihood,
    entriesWithData: rows.length,
    entriesAtRisk: rows.filter((row) => row.status === 'At Risk' || row.status === 'Off Track').length,
    entriesOverdue: end.completeness.overdueMilestones.filter((entry) => activities.has(entry.activityId))
      .length,
  });
  const list = (snapshot: QuarterView['end']) =>
    kind === 'goal' ? snapshot.goals : kind === 'objective' ? snapshot.objectives : snapshot.missionAreas;
  return {
    kind,
    id: level.id,
    title: level.title,
    goalId: kind === 'goal' ? level.id : (level.goalId ?? ''),
    ...(level.missionAreaId !== undefined ? { missionAreaId: level.missionAreaId } : {}),
    progress: quarterProgress(view, kind, level.id, level),
    trend: quarterTrend(view, kind, level.id),
    likelihood,
    risk,
    contributors: contributorsOf(view, kind, level.id, officeMonths),
    unchanged: unchangedOfLevel(
      view.snapshots.map((snapshot) => list(snapshot).find((candidate) => candidate.id === level.id)),
    ),
    accomplishments: accomplishmentsOf(view, kind, level.id),
    nextSteps: nextStepsOf(view, kind, level.id),
  };
}
