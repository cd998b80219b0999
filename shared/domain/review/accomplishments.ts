import { activitiesOf, type LevelKind, type QuarterView } from './quarter-view';

/** An entry completed in the quarter, with what the office said it accomplished. */
export interface Accomplishment {
  readonly period: string;
  readonly office: string;
  readonly activityId: string;
  readonly activityText: string;
  readonly accomplishments: string | null;
}

/**
 * The accomplishments of the quarter: entries that moved to Complete in one of its months (a
 * first report already Complete is not counted: it may have been finished long before).
 */
export function accomplishmentsOf(view: QuarterView, kind: LevelKind, id: string): Accomplishment[] {
  const activities = activitiesOf(view.end, kind, id);
  const text = new Map(view.end.keyActivities.map((activity) => [activity.id, activity.text]));
  return view.snapshots.flatMap((snapshot) =>
    snapshot.changes.statusMoves
      .filter((move) => move.movement === 'completed' && activities.has(move.activityId))
      .map((move) => ({
        period: snapshot.period,
        office: move.office,
        activityId: move.activityId,
        activityText: text.get(move.activityId) ?? '',
        accomplishments:
          snapshot.rows.find((row) => row.office === move.office && row.activityId === move.activityId)
            ?.accomplishments ?? null,
      })),
  );
}
