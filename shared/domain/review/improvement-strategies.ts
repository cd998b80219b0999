import type { QuarterView } from './quarter-view';

/** What an office is doing about one of a goal's entries at risk (its Mitigation / Next Steps text). */
export interface ImprovementStrategy {
  readonly office: string;
  readonly activityId: string;
  readonly activityText: string;
  readonly status: string;
  readonly risksAndIssues: string | null;
  /** The office's mitigation text; null when it gave none (a template version 1 workbook). */
  readonly mitigation: string | null;
}

/**
 * The improvement strategies of a goal (31 U.S.C. §1121(b)(6)): for each of its entries at risk at
 * the end of the quarter (the snapshot's at-risk list, most severe first), the office's mitigation.
 */
export function improvementStrategiesOf(view: QuarterView, goalId: string): ImprovementStrategy[] {
  return view.end.atRisk
    .filter(
      (entry) => entry.goalId === goalId && (entry.status === 'At Risk' || entry.status === 'Off Track'),
    )
    .map((entry) => ({
      office: entry.office,
      activityId: entry.activityId,
      activityText: entry.activityText,
      status: entry.status,
      risksAndIssues: entry.risksAndIssues ?? null,
      mitigation: entry.mitigation ?? null,
    }));
}

/** What the pack says where an office gave no mitigation. */
export const NO_MITIGATION =
  'No mitigation given (workbook on template version 1, before the column existed).';
