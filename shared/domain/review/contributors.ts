import type { OfficeMonth } from './office-timeliness';
import { activitiesOf, type LevelKind, type QuarterView } from './quarter-view';
import { unchangedOfOffice } from './unchanged-count';

/**
 * One office contributing to a level (31 U.S.C. §1121(b)(4)): whether it reported on time, how
 * many of its entries in the level are on track at the end of the quarter, and how many of the
 * entries it reported in the quarter were sent again unchanged.
 */
export interface Contributor {
  readonly office: string;
  readonly name: string;
  /** Months of the quarter reported on time / late / not at all. */
  readonly onTime: number;
  readonly late: number;
  readonly notReported: number;
  /** Its entries in the level (office × key activity assigned). */
  readonly entries: number;
  /** Of those, On Track or Complete at the end of the quarter. */
  readonly onTrack: number;
  /** onTrack ÷ entries (0–1). */
  readonly onTrackShare: number;
  /** Entries of the level it reported over the quarter's months. */
  readonly reported: number;
  /** Of those, unchanged since the period before; null when not known for some month. */
  readonly unchanged: number | null;
}

const ON_TRACK = new Set<string>(['On Track', 'Complete']);

export function contributorsOf(
  view: QuarterView,
  kind: LevelKind,
  id: string,
  months: ReadonlyMap<string, readonly OfficeMonth[]>,
): Contributor[] {
  const { end } = view;
  const activities = activitiesOf(end, kind, id);
  const assigned = new Map<string, number>();
  for (const activity of end.keyActivities)
    if (activities.has(activity.id))
      for (const office of activity.offices) assigned.set(office, (assigned.get(office) ?? 0) + 1);
  return end.offices
    .filter((office) => assigned.has(office.code))
    .map((office) => {
      const entries = assigned.get(office.code) ?? 0;
      const onTrack = end.rows.filter(
        (row) => row.office === office.code && activities.has(row.activityId) && ON_TRACK.has(row.status),
      ).length;
      const officeMonths = months.get(office.code) ?? [];
      const count = (timeliness: OfficeMonth['timeliness']) =>
        officeMonths.filter((month) => month.timeliness === timeliness).length;
      const unchanged = unchangedOfOffice(view, office.code, activities);
      return {
        office: office.code,
        name: office.name,
        onTime: count('on time'),
        late: count('late'),
        notReported: count('not reported'),
        entries,
        onTrack,
        onTrackShare: entries === 0 ? 0 : onTrack / entries,
        reported: unchanged.reported,
        unchanged: unchanged.unchanged,
      };
    });
}
