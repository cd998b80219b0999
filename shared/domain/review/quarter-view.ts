import { type FiscalQuarter, planQuartersSoFar } from '../fiscal-quarter';
import { type Period, previousPeriod } from '../period';
import type { RollupSnapshot } from '../rollup/rollup-snapshot';
import type { MonthFigures, QuarterlyReviewInputs } from './quarterly-review-inputs';

export type LevelKind = 'goal' | 'objective' | 'missionArea';

/** The parts of the inputs every section of the review reads, found once. */
export interface QuarterView {
  readonly inputs: QuarterlyReviewInputs;
  /** The quarter's months that have a snapshot, oldest first (at least one). */
  readonly snapshots: readonly RollupSnapshot[];
  /** The latest of them: where the quarter ends for every figure "at the end of the quarter". */
  readonly end: RollupSnapshot;
  /** The month before the quarter's first, when it has a snapshot: where the quarter starts. */
  readonly before: MonthFigures | undefined;
  /** The plan's quarters so far, oldest first, the reviewed one last. */
  readonly planQuarters: readonly FiscalQuarter[];
}

export function quarterView(inputs: QuarterlyReviewInputs): QuarterView {
  const snapshots = inputs.months.flatMap((month) => (month.content ? [month.content] : []));
  const end = snapshots.at(-1);
  if (!end) throw new Error(`no month of ${inputs.quarter.label} has a snapshot`);
  const beforePeriod = previousPeriod(inputs.quarter.periods[0] as Period);
  const first = (inputs.history[0]?.period ?? end.period) as Period;
  return {
    inputs,
    snapshots,
    end,
    before: inputs.history.find((month) => month.period === beforePeriod),
    planQuarters: planQuartersSoFar(inputs.plan, inputs.quarter.periods[2] as Period, {
      fallbackStart: first,
      startMonth: inputs.settings.fiscalYearStartMonth,
    }),
  };
}

/** The key activities of a level, by id, from the snapshot's catalog structure. */
export function activitiesOf(snapshot: RollupSnapshot, kind: LevelKind, id: string): ReadonlySet<string> {
  const field = kind === 'goal' ? 'goalId' : kind === 'objective' ? 'objectiveId' : 'missionAreaId';
  return new Set(
    snapshot.keyActivities.filter((activity) => activity[field] === id).map((activity) => activity.id),
  );
}

/** A level's headline figure in one month's figures. */
export function figureOf(month: MonthFigures, kind: LevelKind, id: string) {
  const list = kind === 'goal' ? month.goals : kind === 'objective' ? month.objectives : month.missionAreas;
  return list.find((figure) => figure.id === id);
}
