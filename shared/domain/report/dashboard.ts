import type { LevelSummary, Movement, OverallStatus, RollupSnapshot } from '../rollup/rollup-snapshot';
import { formatPercent, formatPointChange } from './display-format';

/**
 * The one-page dashboard ("placemat") every brief opens with: what a senior leader reads in thirty
 * seconds. Built from the snapshot alone, so the PDF's first page, the HTML's "at a glance" and the
 * e-mail cannot disagree.
 */
export interface Dashboard {
  /** The period changes are measured from; null for the first period. */
  readonly previousPeriod: string | null;
  readonly goals: readonly DashboardLevel[];
  /** Empty for a plan without mission areas: every format then leaves that part out. */
  readonly missionAreas: readonly DashboardLevel[];
  /** Entries standing on an earlier period's value, by office. */
  readonly carriedForward: readonly { office: string; entries: number; fromPeriods: readonly string[] }[];
  readonly changes: DashboardChanges;
}

/** A goal or mission area as one row: its full name, its figures and its percent per trend period. */
export interface DashboardLevel {
  readonly id: string;
  readonly label: string;
  readonly summary: LevelSummary;
  readonly trend: readonly (number | null)[];
}

/** One thing that moved: what (`label`) and how (`detail`, e.g. "was At Risk, now On Track" or "+7.2 pts, now 80.1%"). */
export interface ChangeItem {
  readonly label: string;
  readonly detail: string;
}

/** What changed most since the previous period, each side at most DASHBOARD_CHANGES long. */
export interface DashboardChanges {
  readonly improved: readonly ChangeItem[];
  /** Improvements not listed. */
  readonly moreImproved: number;
  readonly worsened: readonly ChangeItem[];
  readonly moreWorsened: number;
  /** When nothing worsened: the objective that moved least (so a flat month still says something). */
  readonly leastProgress: ChangeItem | null;
}

/** How many changes each side of the dashboard lists. */
export const DASHBOARD_CHANGES = 3;

/** Best first: a status change between two of these is an improvement or a worsening. */
const STATUS_RANK: Partial<Record<OverallStatus, number>> = {
  Complete: 5,
  'On Track': 4,
  'Not Started': 3,
  'At Risk': 2,
  'Off Track': 1,
};
const BETTER: ReadonlySet<Movement> = new Set(['completed', 'recovered', 'improved']);
const WORSE: ReadonlySet<Movement> = new Set(['newly-at-risk', 'worsened']);

type Labelled = LevelSummary & { readonly id: string };

export function buildDashboard(
  snapshot: RollupSnapshot,
  trend: {
    readonly byGoal: readonly { values: readonly (number | null)[] }[];
    readonly byMissionArea: readonly { values: readonly (number | null)[] }[];
  },
  labels: {
    readonly goal: (goal: RollupSnapshot['goals'][number]) => string;
    readonly objective: (objective: RollupSnapshot['objectives'][number]) => string;
  },
): Dashboard {
  return {
    previousPeriod: snapshot.previousSnapshot?.period ?? null,
    goals: snapshot.goals.map((goal, index) => ({
      id: goal.id,
      label: labels.goal(goal),
      summary: goal,
      // The first series of byGoal is the agency.
      trend: trend.byGoal[index + 1]?.values ?? [],
    })),
    missionAreas: snapshot.missionAreas.map((area, index) => ({
      id: area.id,
      label: area.title,
      summary: area,
      trend: trend.byMissionArea[index]?.values ?? [],
    })),
    carriedForward: carriedForwardByOffice(snapshot),
    changes: changesSince(snapshot, labels),
  };
}

function carriedForwardByOffice(snapshot: RollupSnapshot): Dashboard['carriedForward'] {
  const byOffice = new Map<string, { entries: number; fromPeriods: Set<string> }>();
  for (const entry of snapshot.completeness.carriedForward) {
    const office = byOffice.get(entry.office) ?? { entries: 0, fromPeriods: new Set<string>() };
    office.entries += 1;
    office.fromPeriods.add(entry.fromPeriod);
    byOffice.set(entry.office, office);
  }
  return [...byOffice.entries()].map(([office, { entries, fromPeriods }]) => ({
    office,
    entries,
    fromPeriods: [...fromPeriods].sort(),
  }));
}

/**
 * Improvements and worsenings, most telling first: a goal, mission area or objective whose status
 * moved; then entries whose status moved (worsenings in at-risk order); then objectives by how far
 * their percent complete moved.
 */
function changesSince(
  snapshot: RollupSnapshot,
  labels: {
    readonly goal: (goal: RollupSnapshot['goals'][number]) => string;
    readonly objective: (objective: RollupSnapshot['objectives'][number]) => string;
  },
): DashboardChanges {
  if (!snapshot.previousSnapshot)
    return { improved: [], moreImproved: 0, worsened: [], moreWorsened: 0, leastProgress: null };
  const improved: ChangeItem[] = [];
  const worsened: ChangeItem[] = [];

  // 1. Levels whose status moved.
  const levels: [string, Labelled][] = [
    ...snapshot.goals.map((goal) => [labels.goal(goal), goal] as [string, Labelled]),
    ...snapshot.missionAreas.map((area) => [area.title, area] as [string, Labelled]),
    ...snapshot.objectives.map((objective) => [labels.objective(objective), objective] as [string, Labelled]),
  ];
  for (const [label, level] of levels) {
    const was = level.change.previousStatus;
    const before = was === null ? undefined : STATUS_RANK[was];
    const now = STATUS_RANK[level.status];
    if (before === undefined || now === undefined || before === now) continue;
    (now > before ? improved : worsened).push({ label, detail: `was ${was}, now ${level.status}` });
  }

  // 2. Entries whose status moved; worsenings in the order of the at-risk list.
  const riskRank = new Map(
    snapshot.atRisk.map((entry) => [`${entry.office}|${entry.activityId}`, entry.rank]),
  );
  const moveItem = (move: RollupSnapshot['changes']['statusMoves'][number]): ChangeItem => ({
    label: `${move.activityId} (${move.office})`,
    detail: move.from === null ? `now ${move.to}` : `was ${move.from}, now ${move.to}`,
  });
  const moves = snapshot.changes.statusMoves.filter((move) => move.from !== move.to);
  improved.push(...moves.filter((move) => BETTER.has(move.movement)).map(moveItem));
  worsened.push(
    ...moves
      .filter((move) => WORSE.has(move.movement))
      .map((move, order) => ({
        move,
        rank: riskRank.get(`${move.office}|${move.activityId}`) ?? Number.MAX_SAFE_INTEGER,
        order,
      }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ move }) => moveItem(move)),
  );

  // 3. Objectives by how far their percent complete moved.
  const moved = snapshot.objectives
    .filter((objective) => objective.change.percentDelta !== null)
    .map((objective, order) => ({ objective, delta: objective.change.percentDelta as number, order }));
  const percentItem = ({ objective, delta }: (typeof moved)[number]): ChangeItem => ({
    label: labels.objective(objective),
    detail: `${formatPointChange(delta)}, now ${formatPercent(objective.percentComplete)}`,
  });
  const gains = moved
    .filter((entry) => entry.delta >= 0.05)
    .sort((a, b) => b.delta - a.delta || a.order - b.order);
  const losses = moved
    .filter((entry) => entry.delta <= -0.05)
    .sort((a, b) => a.delta - b.delta || a.order - b.order);
  // Most objectives gain a little every month: the gains fill free places but are not counted as "more".
  const statusImprovements = improved.length;
  improved.push(...gains.map(percentItem));
  worsened.push(...losses.map(percentItem));

  const slowest = [...moved].sort((a, b) => a.delta - b.delta || a.order - b.order)[0];
  return {
    improved: improved.slice(0, DASHBOARD_CHANGES),
    moreImproved: Math.max(0, statusImprovements - DASHBOARD_CHANGES),
    worsened: worsened.slice(0, DASHBOARD_CHANGES),
    moreWorsened: Math.max(0, worsened.length - DASHBOARD_CHANGES),
    leastProgress: worsened.length === 0 && slowest ? percentItem(slowest) : null,
  };
}
