import type { CountedStatus, OverallStatus } from './rollup-snapshot';

/** The counts a level's overall status is decided from. */
export interface StatusCountsView {
  readonly statusCounts: Readonly<Record<CountedStatus, number>>;
  readonly expected: number;
}

/**
 * A level is Off Track when at least this share of its entries with data is Off Track, and At
 * Risk when at least this share is At Risk or Off Track. One in five: at an activity with up to
 * five offices a single troubled office shows; at the agency, isolated problems do not.
 */
export const TROUBLED_SHARE = { numerator: 1, denominator: 5 } as const;

export interface StatusRule {
  readonly id: string;
  readonly status: OverallStatus;
  /** The sentence in docs/status-rules.md. */
  readonly text: string;
  applies(view: StatusCountsView, withData: number): boolean;
}

const atLeastShare = (part: number, whole: number) =>
  part * TROUBLED_SHARE.denominator >= whole * TROUBLED_SHARE.numerator;

/**
 * The overall status rules, in the order they are tried: the first that applies decides, and
 * its id is recorded as the level's `statusRule`. Integer arithmetic only, so a share exactly on
 * the threshold is decided the same way everywhere. docs/status-rules.md states each rule.
 */
export const STATUS_RULES: readonly StatusRule[] = [
  {
    id: 'no-data',
    status: 'No Data',
    text: 'No entry of the level was reported this period or carried forward.',
    applies: (_view, withData) => withData === 0,
  },
  {
    id: 'complete',
    status: 'Complete',
    text: 'Every expected entry of the level is Complete.',
    applies: (view) => view.expected > 0 && view.statusCounts.Complete === view.expected,
  },
  {
    id: 'off-track-share',
    status: 'Off Track',
    text: 'At least one in five entries with data is Off Track.',
    applies: (view, withData) => atLeastShare(view.statusCounts['Off Track'], withData),
  },
  {
    id: 'at-risk-share',
    status: 'At Risk',
    text: 'At least one in five entries with data is At Risk or Off Track.',
    applies: (view, withData) =>
      atLeastShare(view.statusCounts['At Risk'] + view.statusCounts['Off Track'], withData),
  },
  {
    id: 'not-started',
    status: 'Not Started',
    text: 'Every entry with data is Not Started.',
    applies: (view, withData) => view.statusCounts['Not Started'] === withData,
  },
  {
    id: 'on-track',
    status: 'On Track',
    text: 'Otherwise: work is under way and fewer than one in five entries with data are troubled.',
    applies: () => true,
  },
];

/** The overall status of a level and the id of the rule that decided it. */
export function overallStatusOf(view: StatusCountsView): { status: OverallStatus; rule: string } {
  const withData = view.expected - view.statusCounts['Not Reported'];
  for (const rule of STATUS_RULES) {
    if (rule.applies(view, withData)) return { status: rule.status, rule: rule.id };
  }
  /* c8 ignore next */
  throw new Error('the last status rule always applies');
}
