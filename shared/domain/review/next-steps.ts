import { activitiesOf, type LevelKind, type QuarterView } from './quarter-view';

/** A milestone due in the coming quarter, from the entry's latest answer. */
export interface NextStep {
  readonly office: string;
  readonly activityId: string;
  readonly activityText: string;
  readonly milestone: string;
  readonly due: string;
  readonly status: string;
}

/**
 * The next steps of a level: the milestones of its entries that are not Complete and are due in
 * the quarter after the reviewed one (as the entries stand at its end), by due date, then office.
 */
export function nextStepsOf(view: QuarterView, kind: LevelKind, id: string): NextStep[] {
  const { end } = view;
  const { first, last } = view.inputs.nextQuarter;
  const activities = activitiesOf(end, kind, id);
  const text = new Map(end.keyActivities.map((activity) => [activity.id, activity.text]));
  return end.rows
    .filter(
      (row) =>
        activities.has(row.activityId) &&
        row.status !== 'Complete' &&
        row.milestoneDue !== undefined &&
        row.milestoneDue >= first &&
        row.milestoneDue <= last,
    )
    .map((row) => ({
      office: row.office,
      activityId: row.activityId,
      activityText: text.get(row.activityId) ?? '',
      milestone: row.nextMilestone ?? '(milestone not named)',
      due: row.milestoneDue as string,
      status: row.status,
    }))
    .sort((a, b) =>
      a.due === b.due
        ? compareText(a.office + a.activityId, b.office + b.activityId)
        : compareText(a.due, b.due),
    );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
