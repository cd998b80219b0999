import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Catalog } from '../../shared/domain/catalog/catalog';
import { addMonths, type Period, periodBounds, periodRange } from '../../shared/domain/period';
import { STATUSES, type Status } from '../../shared/domain/progress';
import {
  COUNTED_STATUSES,
  type LevelSummary,
  type Likelihood,
  type OverallStatus,
  type RollupSnapshot,
  rollupSnapshotSchema,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotRow,
  type StatusCounts,
} from '../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../shared/domain/sha256';

/**
 * Text a hostile or careless submitter could type, placed in narrative fields of the fixture so
 * every renderer is exercised on it: formula-looking starts, header injection, markup, control
 * characters, unicode and a very long narrative.
 */
export const NASTY_TEXT = {
  formula: '=HYPERLINK("http://attacker.example/x","click")',
  plus: '+1+1',
  minus: '-2 weeks behind plan',
  at: '@SUM(A1:A9)',
  tab: '\tindented with a tab',
  carriageReturn: '\rstarts with a carriage return',
  headerInjection: 'Delay\r\nBcc: victim@attacker.example\r\nSubject: injected',
  markup: '<script>alert("x")</script> & <b>bold</b>',
  unicode: 'Zoë’s café — naïve façade; “quoted”; 中文; ✓',
  control: 'bell\u0007 and nul\u0000 inside',
  long: `${'Long narrative about supply chain delays and staffing gaps. '.repeat(60)}END-OF-LONG-NARRATIVE`,
} as const;

export interface PopulatedSnapshotOptions {
  readonly period?: Period;
  readonly catalog?: Catalog;
  /** Every office reports every key activity (the bench's 6 × 56), instead of the catalog's assignments. */
  readonly everyOfficeOnEveryActivity?: boolean;
  /** Offices with no submission this period (half their entries are carried forward). */
  readonly missingOffices?: readonly string[];
  /** Objectives nobody reported on (their summaries have no data). */
  readonly unreportedObjectives?: readonly string[];
  readonly trendPeriods?: number;
  readonly seed?: number;
}

/** A small deterministic PRNG (mulberry32): the fixture is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Entry {
  readonly office: string;
  readonly activityId: string;
  readonly row: SnapshotRow | undefined;
}

function summarise(entries: readonly Entry[], previous: { status: OverallStatus; percent: number | null }) {
  const counts = Object.fromEntries(COUNTED_STATUSES.map((status) => [status, 0])) as StatusCounts;
  let reported = 0;
  let carried = 0;
  let percentTotal = 0;
  const attainments: number[] = [];
  for (const entry of entries) {
    if (!entry.row) {
      counts['Not Reported'] += 1;
      continue;
    }
    counts[entry.row.status] += 1;
    if (entry.row.source === 'reported') reported += 1;
    else carried += 1;
    percentTotal += entry.row.percentComplete;
    if (entry.row.attainment !== undefined) attainments.push(entry.row.attainment);
  }
  const measured = reported + carried;
  const percentComplete = measured === 0 ? null : round(percentTotal / measured, 6);
  let status: OverallStatus;
  let statusRule: string;
  if (measured === 0) [status, statusRule] = ['No Data', 'no-data'];
  else if (counts.Complete === measured) [status, statusRule] = ['Complete', 'all-complete'];
  else if (counts['Off Track'] * 4 >= measured) [status, statusRule] = ['Off Track', 'off-track-quarter'];
  else if (counts['At Risk'] + counts['Off Track'] > 0) [status, statusRule] = ['At Risk', 'any-at-risk'];
  else if (counts['Not Started'] === measured) [status, statusRule] = ['Not Started', 'none-started'];
  else [status, statusRule] = ['On Track', 'on-track'];
  const likelihood: Likelihood =
    percentComplete === null
      ? 'Unknown'
      : percentComplete >= 60
        ? 'Likely'
        : percentComplete >= 30
          ? 'Uncertain'
          : 'Unlikely';
  const percentDelta =
    percentComplete === null || previous.percent === null
      ? null
      : round(percentComplete - previous.percent, 6);
  const summary: LevelSummary = {
    statusCounts: counts,
    expected: entries.length,
    reported,
    carriedForward: carried,
    missing: entries.length - measured,
    percentComplete,
    metricAttainment:
      attainments.length === 0 ? null : round(attainments.reduce((a, b) => a + b, 0) / attainments.length, 6),
    metricCount: attainments.length,
    status,
    statusRule,
    likelihood,
    change: {
      previousStatus: previous.status === 'No Data' ? null : previous.status,
      previousPercentComplete: previous.percent,
      percentDelta,
      movement:
        previous.status === 'No Data'
          ? 'new'
          : status === previous.status
            ? 'unchanged'
            : status === 'At Risk' || status === 'Off Track'
              ? 'newly-at-risk'
              : 'recovered',
    },
  };
  return summary;
}

/**
 * A schema-valid, internally consistent snapshot with offices reported, some missing (and partly
 * carried forward), entries At Risk and Off Track with narrative, overdue milestones, a 12-period
 * trend and the nasty text above. Counts add up at every level. Not the rollup's arithmetic (its own
 * tests cover that): a realistic input for renderers.
 */
export function populatedSnapshot(options: PopulatedSnapshotOptions = {}): RollupSnapshot {
  const period = options.period ?? ('2026-10' as Period);
  const catalog = options.catalog ?? defaultCatalog();
  const missingOffices = new Set(options.missingOffices ?? ['ES']);
  const unreportedObjectives = new Set(options.unreportedObjectives ?? ['3.3']);
  const next = random(options.seed ?? 20261);
  const previousPeriod = addMonths(period, -1);
  const asOf = periodBounds(period).last;
  const officesOf = (activity: { offices: readonly string[] }) =>
    options.everyOfficeOnEveryActivity ? catalog.offices.map((office) => office.code) : activity.offices;

  const nasty = Object.values(NASTY_TEXT);
  let nastyIndex = 0;
  const entries: Entry[] = [];
  for (const activity of catalog.keyActivities) {
    for (const office of officesOf(activity)) {
      const missing = missingOffices.has(office);
      const unreported = unreportedObjectives.has(activity.objectiveId);
      const carried = missing && next() < 0.5;
      if (unreported || (missing && !carried)) {
        entries.push({ office, activityId: activity.id, row: undefined });
        continue;
      }
      const roll = next();
      const status: Status =
        roll < 0.1
          ? 'Complete'
          : roll < 0.62
            ? 'On Track'
            : roll < 0.8
              ? 'At Risk'
              : roll < 0.9
                ? 'Off Track'
                : 'Not Started';
      const percentComplete =
        status === 'Complete' ? 100 : status === 'Not Started' ? 0 : round(5 + next() * 90, 2);
      const hasMetric = next() < 0.6;
      const target = hasMetric ? Math.round(50 + next() * 950) : undefined;
      const actual = target !== undefined ? Math.round(target * (0.3 + next() * 0.9)) : undefined;
      const dueOffset = Math.floor(next() * 120) - 45;
      const due = new Date(Date.parse(`${asOf}T00:00:00Z`) + dueOffset * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const troubled = status === 'At Risk' || status === 'Off Track';
      const narrative = troubled ? nasty[nastyIndex++ % nasty.length] : undefined;
      const row: SnapshotRow = {
        office,
        activityId: activity.id,
        status,
        percentComplete,
        ...(hasMetric ? { metric: `Milestones met (${activity.id})`, actual, target } : {}),
        ...(hasMetric && target ? { attainment: round((actual as number) / target, 6) } : {}),
        nextMilestone: `Milestone ${activity.id} for ${office}`,
        milestoneDue: due,
        milestoneOverdue: due < asOf && status !== 'Complete',
        accomplishments: `Progress on ${activity.id} by ${office}.`,
        ...(narrative !== undefined ? { risksAndIssues: narrative } : {}),
        pointOfContact:
          troubled && nastyIndex % 3 === 0
            ? NASTY_TEXT.headerInjection
            : `${office.toLowerCase()}.lead@example.gov`,
        source: carried ? 'carried-forward' : 'reported',
        fromPeriod: carried ? previousPeriod : period,
        revision: carried ? 1 : 2,
      };
      entries.push({ office, activityId: activity.id, row });
    }
  }
  const rows = entries.flatMap((entry) => (entry.row ? [entry.row] : []));
  const officeOrder = new Map(catalog.offices.map((office, index) => [office.code, index]));
  rows.sort(
    (a, b) =>
      (officeOrder.get(a.office) ?? 0) - (officeOrder.get(b.office) ?? 0) ||
      catalog.keyActivities.findIndex((x) => x.id === a.activityId) -
        catalog.keyActivities.findIndex((x) => x.id === b.activityId),
  );

  const previousOf = (key: string) => {
    const value = next();
    return {
      status: (['On Track', 'At Risk', 'On Track', 'No Data'] as const)[
        Math.floor(value * 4)
      ] as OverallStatus,
      percent: key.length % 5 === 0 ? null : round(20 + value * 40, 4),
    };
  };
  const activityOf = new Map(catalog.keyActivities.map((activity) => [activity.id, activity]));
  const where = (predicate: (activity: (typeof catalog.keyActivities)[number]) => boolean) =>
    entries.filter((entry) =>
      predicate(activityOf.get(entry.activityId) as (typeof catalog.keyActivities)[number]),
    );

  const submittedOffices = catalog.offices
    .map((office) => office.code)
    .filter((code) => !missingOffices.has(code));
  const inputs = submittedOffices.map((office, index) => ({
    office,
    revision: 2,
    submissionId: `sub-${office.toLowerCase()}-${period}`,
    sha256: sha256Hex(`${office}/${period}`),
    acceptedAt: `${addMonths(period, 1)}-0${(index % 8) + 1}T14:0${index}:00.000Z`,
    uploader: `${office.toLowerCase()}.submitter@example.gov`,
    rowCount: entries.filter((entry) => entry.office === office).length,
  }));

  const goals = catalog.goals.map((goal) => ({
    id: goal.id,
    title: goal.title,
    ...summarise(
      where((activity) => activity.goalId === goal.id),
      previousOf(`goal${goal.id}`),
    ),
  }));
  const missionAreas = catalog.missionAreas.map((area) => ({
    id: area.id,
    goalId: area.goalId,
    title: area.title,
    ...summarise(
      where((activity) => activity.missionAreaId === area.id),
      previousOf(`area${area.id}`),
    ),
  }));
  const atRiskRows = rows
    .filter((row) => row.status === 'At Risk' || row.status === 'Off Track')
    .map((row) => ({
      row,
      severity: round((row.status === 'Off Track' ? 2 : 1) + (100 - row.percentComplete) / 100, 6),
    }))
    .sort((a, b) => b.severity - a.severity || (a.row.office < b.row.office ? -1 : 1));

  const trendPeriods = periodRange(addMonths(period, -((options.trendPeriods ?? 12) - 1)), period);
  const trend = trendPeriods.map((trendPeriod, index) => {
    const back = trendPeriods.length - 1 - index;
    const fade = (value: number | null, id: string) =>
      value === null || (id === '4' && index === 2) ? null : round(Math.max(0, value - back * 2.5), 4);
    return {
      period: trendPeriod,
      agency: {
        percentComplete:
          back === 0 ? summarise(entries, previousOf('agency')).percentComplete : fade(40, 'agency'),
        status: 'On Track' as OverallStatus,
      },
      goals: goals.map((goal) => ({
        id: goal.id,
        percentComplete: fade(goal.percentComplete, goal.id),
        status: goal.status,
      })),
      missionAreas: missionAreas.map((area) => ({
        id: area.id,
        percentComplete: fade(area.percentComplete, area.id),
        status: area.status,
      })),
    };
  });
  const agency = summarise(entries, { status: 'On Track', percent: 38.25 });
  const last = trend[trend.length - 1];
  if (last) last.agency = { percentComplete: agency.percentComplete, status: agency.status };

  const snapshot: RollupSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    period,
    asOf,
    catalog: { id: catalog.id, version: catalog.version, title: catalog.title },
    inputs,
    previousSnapshot: { period: previousPeriod, version: 1, sha256: sha256Hex(`snapshot ${previousPeriod}`) },
    inputHash: sha256Hex(`inputs ${period} ${options.seed ?? 20261}`),
    agency,
    goals,
    missionAreas,
    objectives: catalog.objectives.map((objective) => ({
      id: objective.id,
      goalId: objective.goalId,
      ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
      title: objective.title,
      ...summarise(
        where((activity) => activity.objectiveId === objective.id),
        previousOf(`objective${objective.id}`),
      ),
    })),
    keyActivities: catalog.keyActivities.map((activity) => ({
      id: activity.id,
      objectiveId: activity.objectiveId,
      goalId: activity.goalId,
      ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
      text: activity.text,
      offices: [...officesOf(activity)],
      ...summarise(
        entries.filter((entry) => entry.activityId === activity.id),
        previousOf(`activity${activity.id}`),
      ),
    })),
    offices: catalog.offices.map((office) => {
      const input = inputs.find((candidate) => candidate.office === office.code);
      return {
        code: office.code,
        name: office.name,
        submitted: input !== undefined,
        ...(input
          ? { revision: input.revision, submittedAt: input.acceptedAt, uploader: input.uploader }
          : {}),
        ...summarise(
          entries.filter((entry) => entry.office === office.code),
          previousOf(`office${office.code}`),
        ),
      };
    }),
    rows,
    changes: {
      statusMoves: rows
        .filter((_, index) => index % 7 === 0)
        .map((row, index) => {
          const from = STATUSES[index % STATUSES.length] as Status;
          const movement =
            row.status === 'At Risk' || row.status === 'Off Track'
              ? ('newly-at-risk' as const)
              : row.status === 'Complete'
                ? ('completed' as const)
                : index % 2 === 0
                  ? ('improved' as const)
                  : ('recovered' as const);
          return { office: row.office, activityId: row.activityId, from, to: row.status, movement };
        }),
    },
    completeness: {
      officesExpected: catalog.offices.map((office) => office.code),
      officesSubmitted: submittedOffices,
      officesMissing: catalog.offices.map((office) => office.code).filter((code) => missingOffices.has(code)),
      activitiesNotReported: entries
        .filter((entry) => entry.row === undefined)
        .map((entry) => ({ office: entry.office, activityId: entry.activityId })),
      carriedForward: rows
        .filter((row) => row.source === 'carried-forward')
        .map((row) => ({ office: row.office, activityId: row.activityId, fromPeriod: row.fromPeriod })),
      overdueMilestones: rows
        .filter((row) => row.milestoneOverdue)
        .map((row) => ({
          office: row.office,
          activityId: row.activityId,
          ...(row.nextMilestone !== undefined ? { nextMilestone: row.nextMilestone } : {}),
          milestoneDue: row.milestoneDue as string,
          status: row.status,
        })),
    },
    atRisk: atRiskRows.map(({ row, severity }, index) => {
      const activity = activityOf.get(row.activityId) as (typeof catalog.keyActivities)[number];
      return {
        rank: index + 1,
        office: row.office,
        activityId: row.activityId,
        objectiveId: activity.objectiveId,
        goalId: activity.goalId,
        ...(activity.missionAreaId !== undefined ? { missionAreaId: activity.missionAreaId } : {}),
        activityText: activity.text,
        status: row.status,
        percentComplete: row.percentComplete,
        severity,
        reasons: [
          row.status === 'Off Track' ? 'status Off Track' : 'status At Risk',
          ...(row.milestoneOverdue ? ['milestone overdue'] : []),
        ],
        ...(row.risksAndIssues !== undefined ? { risksAndIssues: row.risksAndIssues } : {}),
        ...(row.accomplishments !== undefined ? { accomplishments: row.accomplishments } : {}),
        ...(row.nextMilestone !== undefined ? { nextMilestone: row.nextMilestone } : {}),
        ...(row.milestoneDue !== undefined ? { milestoneDue: row.milestoneDue } : {}),
        ...(row.pointOfContact !== undefined ? { pointOfContact: row.pointOfContact } : {}),
        source: row.source,
      };
    }),
    trend,
  };
  return rollupSnapshotSchema.parse(snapshot);
}
