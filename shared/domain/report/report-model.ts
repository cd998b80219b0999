import type {
  LevelSummary,
  Movement,
  RollupSnapshot,
  SnapshotRow,
  StatusCounts,
} from '../rollup/rollup-snapshot';
import { COUNTED_STATUSES } from '../rollup/rollup-snapshot';
import { buildDashboard, type Dashboard } from './dashboard';
import {
  formatIsoDate,
  formatOfficesReported,
  formatPercent,
  formatPeriodLong,
  formatPointChange,
} from './display-format';
import type { SupersededReport } from './superseded-report';

/** What a render needs besides the snapshot. None of it is the clock: the same inputs give the same bytes. */
export interface RenderContext {
  /** When the snapshot was stored (SnapshotRecord.createdAt): the report's "generated" date. */
  readonly generatedAt: string;
  readonly snapshotVersion: number;
  /** SHA-256 of the stored snapshot JSON. */
  readonly snapshotSha256: string;
  /** Printed at the top and bottom of every PDF page and the HTML page (config.markingBanner). */
  readonly markingBanner?: string | undefined;
  /** Set when this report version replaces an earlier one of the same period (manifest renderOptions.supersedes). */
  readonly supersedes?: SupersededReport | undefined;
}

type GoalSummary = RollupSnapshot['goals'][number];
type MissionAreaSummary = RollupSnapshot['missionAreas'][number];
type ObjectiveSummary = RollupSnapshot['objectives'][number];
type ActivitySummary = RollupSnapshot['keyActivities'][number];
type OfficeSummary = RollupSnapshot['offices'][number];
export type AtRiskEntry = RollupSnapshot['atRisk'][number];

export interface ActivitySection {
  readonly activity: ActivitySummary;
  /** Reported and carried entries, in office order. */
  readonly entries: readonly SnapshotRow[];
  /** Offices expected on this activity with neither a fresh nor a carried entry. */
  readonly notReported: readonly string[];
}
export interface ObjectiveSection {
  readonly objective: ObjectiveSummary;
  readonly label: string;
  readonly activities: readonly ActivitySection[];
}
export interface GoalSection {
  readonly goal: GoalSummary;
  readonly label: string;
  readonly missionAreas: readonly MissionAreaSummary[];
  readonly objectives: readonly ObjectiveSection[];
}

/** A labelled level in a summary table. */
export interface SummaryLine {
  readonly label: string;
  readonly summary: LevelSummary;
}

export interface TrendSeries {
  readonly label: string;
  /** One value per trend period (null where that period had no figure). */
  readonly values: readonly (number | null)[];
}

export interface StatusBar {
  readonly label: string;
  readonly counts: StatusCounts;
}

export interface ReportModel {
  readonly title: string;
  readonly period: string;
  readonly periodLabel: string;
  readonly generatedAt: string;
  readonly generatedOn: string;
  readonly asOf: string;
  readonly catalog: RollupSnapshot['catalog'];
  readonly snapshot: {
    readonly version: number;
    readonly sha256: string;
    readonly inputHash: string;
    readonly previous: RollupSnapshot['previousSnapshot'];
  };
  readonly markingBanner: string | null;
  /** The earlier version of this period that this one replaces, and why; null for a first version. */
  readonly supersedes: SupersededReport | null;
  readonly offices: {
    readonly reported: number;
    readonly expected: number;
    readonly text: string;
    readonly all: readonly OfficeSummary[];
  };
  readonly agency: LevelSummary;
  /** Page 1 of the brief: the figures a leader reads in thirty seconds. */
  readonly dashboard: Dashboard;
  readonly executiveSummary: {
    readonly overall: string;
    readonly changes: readonly string[];
    readonly topRisks: readonly AtRiskEntry[];
  };
  readonly goalLines: readonly SummaryLine[];
  readonly missionAreaLines: readonly SummaryLine[];
  readonly objectiveLines: readonly SummaryLine[];
  readonly officeLines: readonly SummaryLine[];
  readonly goals: readonly GoalSection[];
  readonly missionAreas: readonly { area: MissionAreaSummary; objectives: readonly SummaryLine[] }[];
  readonly atRisk: readonly AtRiskEntry[];
  readonly missing: {
    readonly offices: readonly { code: string; name: string }[];
    readonly notReported: readonly { office: string; activityId: string; activityText: string }[];
    readonly carriedForward: RollupSnapshot['completeness']['carriedForward'];
    readonly overdueMilestones: RollupSnapshot['completeness']['overdueMilestones'];
  };
  readonly statusByGoal: readonly StatusBar[];
  readonly statusByMissionArea: readonly StatusBar[];
  readonly trend: {
    readonly periods: readonly string[];
    readonly byGoal: readonly TrendSeries[];
    readonly byMissionArea: readonly TrendSeries[];
  };
  readonly inputs: RollupSnapshot['inputs'];
  readonly rows: readonly SnapshotRow[];
  readonly activityText: ReadonlyMap<string, string>;
  readonly officeName: ReadonlyMap<string, string>;
  /** Rule ids that decided a status somewhere in the snapshot, with how many levels each decided. */
  readonly statusRules: readonly { rule: string; levels: number }[];
}

/** Code-unit order: unlike localeCompare it cannot differ between machines, so output stays byte-identical. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many top risks the executive summary names. */
export const TOP_RISKS = 5;

export const goalLabel = (goal: { id: string; title: string }) => `Goal ${goal.id}: ${goal.title}`;
export const objectiveLabel = (objective: { id: string; title: string }) =>
  `${objective.id} ${objective.title}`;
export const officeLabel = (office: { code: string; name: string }) => `${office.name} (${office.code})`;

const MOVEMENT_WORDS: Partial<Record<Movement, string>> = {
  'newly-at-risk': 'newly at risk or off track',
  worsened: 'worsened',
  recovered: 'recovered',
  improved: 'improved',
  completed: 'completed',
};

/**
 * Shapes a snapshot into what every report shows, in one pass, so the PDF, the HTML, the workbook
 * and the e-mail cannot disagree on a figure, a label or an order. Order follows the snapshot
 * (catalog order); entries of an activity follow the snapshot's office order.
 */
export function buildReportModel(snapshot: RollupSnapshot, context: RenderContext): ReportModel {
  const lookup = snapshotLookup(snapshot);
  const trend = trendSeries(snapshot);
  return {
    ...reportIdentity(snapshot, context),
    offices: officesReported(snapshot),
    agency: snapshot.agency,
    dashboard: buildDashboard(snapshot, trend, { goal: goalLabel, objective: objectiveLabel }),
    executiveSummary: {
      overall: overallSentence(snapshot),
      changes: headlineChanges(snapshot),
      topRisks: snapshot.atRisk.slice(0, TOP_RISKS),
    },
    ...summaryLines(snapshot),
    goals: snapshot.goals.map((goal) => goalSection(snapshot, lookup, goal)),
    missionAreas: snapshot.missionAreas.map((area) => ({
      area,
      objectives: snapshot.objectives
        .filter((objective) => objective.missionAreaId === area.id)
        .map((objective) => ({ label: objectiveLabel(objective), summary: objective })),
    })),
    atRisk: snapshot.atRisk,
    missing: missingParts(snapshot, lookup),
    ...statusBars(snapshot),
    trend,
    inputs: snapshot.inputs,
    rows: snapshot.rows,
    activityText: lookup.activityText,
    officeName: lookup.officeName,
    statusRules: statusRuleCounts(snapshot),
  };
}

/** Names and orders the builder looks up while shaping the snapshot. */
interface SnapshotLookup {
  readonly officeName: ReadonlyMap<string, string>;
  readonly activityText: ReadonlyMap<string, string>;
  readonly rowsByActivity: ReadonlyMap<string, readonly SnapshotRow[]>;
  /** Snapshot office order, then code order for an office the snapshot does not list. */
  readonly byOffice: (a: { office: string }, b: { office: string }) => number;
}

function snapshotLookup(snapshot: RollupSnapshot): SnapshotLookup {
  const officeOrder = new Map(snapshot.offices.map((office, index) => [office.code, index]));
  const rowsByActivity = new Map<string, SnapshotRow[]>();
  for (const row of snapshot.rows) {
    const list = rowsByActivity.get(row.activityId) ?? [];
    list.push(row);
    rowsByActivity.set(row.activityId, list);
  }
  return {
    officeName: new Map(snapshot.offices.map((office) => [office.code, office.name])),
    activityText: new Map(snapshot.keyActivities.map((activity) => [activity.id, activity.text])),
    rowsByActivity,
    byOffice: (a, b) =>
      (officeOrder.get(a.office) ?? Number.MAX_SAFE_INTEGER) -
        (officeOrder.get(b.office) ?? Number.MAX_SAFE_INTEGER) || compareText(a.office, b.office),
  };
}

/** What the report is, of which period and snapshot version, and when it was generated. */
function reportIdentity(snapshot: RollupSnapshot, context: RenderContext) {
  return {
    title: `${snapshot.catalog.title}: Status Brief`,
    period: snapshot.period,
    periodLabel: formatPeriodLong(snapshot.period),
    generatedAt: context.generatedAt,
    generatedOn: formatIsoDate(context.generatedAt),
    asOf: snapshot.asOf,
    catalog: snapshot.catalog,
    snapshot: {
      version: context.snapshotVersion,
      sha256: context.snapshotSha256,
      inputHash: snapshot.inputHash,
      previous: snapshot.previousSnapshot,
    },
    markingBanner: context.markingBanner ?? null,
    supersedes: context.supersedes ?? null,
  };
}

function officesReported(snapshot: RollupSnapshot): ReportModel['offices'] {
  const reported = snapshot.completeness.officesSubmitted.length;
  const expected = snapshot.completeness.officesExpected.length;
  return { reported, expected, text: formatOfficesReported(reported, expected), all: snapshot.offices };
}

/** The executive summary's opening sentence: overall status, likelihood and completeness. */
function overallSentence(snapshot: RollupSnapshot): string {
  const agency = snapshot.agency;
  const offices = formatOfficesReported(
    snapshot.completeness.officesSubmitted.length,
    snapshot.completeness.officesExpected.length,
  );
  return (
    `Overall status ${agency.status}, ${formatPercent(agency.percentComplete)} complete ` +
    `(likelihood of finishing on time: ${agency.likelihood}). ${offices}; ` +
    `${agency.reported} of ${agency.expected} entries reported, ${agency.carriedForward} carried forward from an earlier period, ${agency.missing} missing.`
  );
}

/** What changed since the previous period: agency percent, goal statuses, entry moves, offices missing. */
function headlineChanges(snapshot: RollupSnapshot): string[] {
  const changes: string[] = [];
  const previousPeriod = snapshot.previousSnapshot?.period;
  const agencyDelta = snapshot.agency.change.percentDelta;
  changes.push(
    previousPeriod && agencyDelta !== null
      ? `Agency percent complete ${formatPercent(snapshot.agency.percentComplete)}, ${formatPointChange(agencyDelta)} since ${previousPeriod}.`
      : `Agency percent complete ${formatPercent(snapshot.agency.percentComplete)}; no earlier period to compare with.`,
  );
  for (const goal of snapshot.goals) {
    const previous = goal.change.previousStatus;
    if (previous !== null && previous !== goal.status)
      changes.push(`${goalLabel(goal)}: ${goal.status} (was ${previous}).`);
  }
  const moveCounts = new Map<Movement, number>();
  for (const move of snapshot.changes.statusMoves)
    moveCounts.set(move.movement, (moveCounts.get(move.movement) ?? 0) + 1);
  const moveWords = (Object.keys(MOVEMENT_WORDS) as Movement[])
    .filter((movement) => (moveCounts.get(movement) ?? 0) > 0)
    .map((movement) => `${moveCounts.get(movement)} ${MOVEMENT_WORDS[movement]}`);
  if (moveWords.length > 0) changes.push(`Entries that changed status: ${moveWords.join('; ')}.`);
  if (snapshot.completeness.officesMissing.length > 0)
    changes.push(`Not reported this period: ${snapshot.completeness.officesMissing.join(', ')}.`);
  return changes;
}

function summaryLines(snapshot: RollupSnapshot) {
  return {
    goalLines: snapshot.goals.map((goal) => ({ label: goalLabel(goal), summary: goal })),
    missionAreaLines: snapshot.missionAreas.map((area) => ({ label: area.title, summary: area })),
    objectiveLines: snapshot.objectives.map((objective) => ({
      label: objectiveLabel(objective),
      summary: objective,
    })),
    officeLines: snapshot.offices.map((office) => ({ label: officeLabel(office), summary: office })),
  };
}

/** A goal with its mission areas, and its objectives with their key activities' entries. */
function goalSection(snapshot: RollupSnapshot, lookup: SnapshotLookup, goal: GoalSummary): GoalSection {
  const activitySection = (activity: ActivitySummary): ActivitySection => {
    const entries = [...(lookup.rowsByActivity.get(activity.id) ?? [])].sort(lookup.byOffice);
    const present = new Set(entries.map((entry) => entry.office));
    return { activity, entries, notReported: activity.offices.filter((office) => !present.has(office)) };
  };
  const objectiveSection = (objective: ObjectiveSummary): ObjectiveSection => ({
    objective,
    label: objectiveLabel(objective),
    activities: snapshot.keyActivities
      .filter((activity) => activity.objectiveId === objective.id)
      .map(activitySection),
  });
  return {
    goal,
    label: goalLabel(goal),
    missionAreas: snapshot.missionAreas.filter((area) => area.goalId === goal.id),
    objectives: snapshot.objectives.filter((objective) => objective.goalId === goal.id).map(objectiveSection),
  };
}

function missingParts(snapshot: RollupSnapshot, lookup: SnapshotLookup): ReportModel['missing'] {
  return {
    offices: snapshot.completeness.officesMissing.map((code) => ({
      code,
      name: lookup.officeName.get(code) ?? code,
    })),
    notReported: [...snapshot.completeness.activitiesNotReported]
      .sort(lookup.byOffice)
      .map((entry) => ({ ...entry, activityText: lookup.activityText.get(entry.activityId) ?? '' })),
    carriedForward: snapshot.completeness.carriedForward,
    overdueMilestones: snapshot.completeness.overdueMilestones,
  };
}

function statusBars(snapshot: RollupSnapshot) {
  return {
    statusByGoal: snapshot.goals.map((goal) => ({ label: `Goal ${goal.id}`, counts: goal.statusCounts })),
    statusByMissionArea: snapshot.missionAreas.map((area) => ({
      label: area.title,
      counts: area.statusCounts,
    })),
  };
}

/** Percent complete per trend period: the agency and each goal, and each mission area. */
function trendSeries(snapshot: RollupSnapshot): ReportModel['trend'] {
  const trendValues = (
    pick: (
      point: RollupSnapshot['trend'][number],
    ) => readonly { id: string; percentComplete: number | null }[],
    id: string,
  ) => snapshot.trend.map((point) => pick(point).find((entry) => entry.id === id)?.percentComplete ?? null);
  return {
    periods: snapshot.trend.map((point) => point.period),
    byGoal: [
      { label: 'Agency', values: snapshot.trend.map((point) => point.agency.percentComplete) },
      ...snapshot.goals.map((goal) => ({
        label: `Goal ${goal.id}`,
        values: trendValues((point) => point.goals, goal.id),
      })),
    ],
    byMissionArea: snapshot.missionAreas.map((area) => ({
      label: area.title,
      values: trendValues((point) => point.missionAreas, area.id),
    })),
  };
}

/** How many levels each status rule decided, by rule id. */
function statusRuleCounts(snapshot: RollupSnapshot): ReportModel['statusRules'] {
  const ruleCounts = new Map<string, number>();
  for (const level of [
    snapshot.agency,
    ...snapshot.goals,
    ...snapshot.missionAreas,
    ...snapshot.objectives,
    ...snapshot.keyActivities,
    ...snapshot.offices,
  ])
    ruleCounts.set(level.statusRule, (ruleCounts.get(level.statusRule) ?? 0) + 1);
  return [...ruleCounts.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([rule, levels]) => ({ rule, levels }));
}

/** The status columns of count tables and charts, in the order they are shown. */
export const COUNT_COLUMNS = COUNTED_STATUSES;
