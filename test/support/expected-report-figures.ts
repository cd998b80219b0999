import type { LevelSummary, RollupSnapshot, SnapshotRow } from '../../shared/domain/rollup/rollup-snapshot';

/**
 * What the brief must say, written from the snapshot by the test itself (not by the renderers'
 * formatters): each string is a row or line as it reads once a table row's cells are joined.
 */
const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? 'no data' : `${value.toFixed(1)}%`;
const ratio = (value: number | null | undefined) =>
  value === null || value === undefined ? 'no data' : percent(value * 100);
const points = (value: number | null) => {
  if (value === null) return 'n/a';
  const text = value.toFixed(1);
  if (text === '0.0' || text === '-0.0') return '0.0 pts';
  return `${value > 0 ? '+' : ''}${text} pts`;
};

export function summaryLine(label: string, summary: LevelSummary): string {
  return [
    label,
    summary.status,
    percent(summary.percentComplete),
    points(summary.change.percentDelta),
    summary.reported,
    summary.carriedForward,
    summary.missing,
    summary.expected,
    ratio(summary.metricAttainment),
    summary.likelihood,
  ].join(' ');
}

function entryLine(row: SnapshotRow): string {
  const metric =
    row.metric === undefined
      ? ''
      : `${row.metric}: ${row.actual ?? '?'} of ${row.target ?? '?'}${row.attainment !== undefined ? ` (${ratio(row.attainment)})` : ''}`;
  const milestone = [
    row.nextMilestone,
    row.milestoneDue ? `due ${row.milestoneDue}` : undefined,
    row.milestoneOverdue ? 'OVERDUE' : undefined,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  return [
    row.office,
    row.source === 'reported' ? 'reported' : `carried forward from ${row.fromPeriod}`,
    row.status,
    percent(row.percentComplete),
    metric,
    milestone,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

const STACK = ['Complete', 'On Track', 'At Risk', 'Off Track', 'Not Started', 'Not Reported'] as const;

export interface ExpectedFigure {
  readonly what: string;
  readonly text: string;
}

/** Every figure the PDF and HTML briefs show, with where it comes from (for failure messages). */
export function expectedFigures(snapshot: RollupSnapshot): ExpectedFigure[] {
  const figures: ExpectedFigure[] = [];
  const add = (what: string, text: string) => figures.push({ what, text });
  add(
    'offices reported',
    `${snapshot.completeness.officesSubmitted.length} of ${snapshot.completeness.officesExpected.length} offices reported`,
  );
  add('agency', summaryLine('Agency', snapshot.agency));
  for (const goal of snapshot.goals)
    add(`goal ${goal.id}`, summaryLine(`Goal ${goal.id}: ${goal.title}`, goal));
  for (const area of snapshot.missionAreas) add(`mission area ${area.id}`, summaryLine(area.title, area));
  for (const objective of snapshot.objectives)
    add(`objective ${objective.id}`, summaryLine(`${objective.id} ${objective.title}`, objective));
  for (const office of snapshot.offices)
    add(`office ${office.code}`, summaryLine(`${office.name} (${office.code})`, office));
  for (const entry of snapshot.atRisk)
    add(
      `at-risk ${entry.rank}`,
      `${entry.rank}. ${entry.activityId} · ${entry.office} · ${entry.status} · ${percent(entry.percentComplete)} complete`,
    );
  for (const [label, counts] of [
    ...snapshot.goals.map((goal) => [`Goal ${goal.id}`, goal.statusCounts] as const),
    ...snapshot.missionAreas.map((area) => [area.title, area.statusCounts] as const),
  ]) {
    const total = STACK.reduce((sum, status) => sum + counts[status], 0);
    const healthy = counts.Complete + counts['On Track'];
    add(
      `status counts of ${label}`,
      [
        label,
        ...STACK.map((status) => counts[status]),
        total,
        total === 0 ? 'no data' : percent((healthy / total) * 100),
      ].join(' '),
    );
  }
  const periods = snapshot.trend.map((point) => point.period);
  add('trend periods', periods.join(' '));
  add(
    'agency trend',
    ['Agency', ...snapshot.trend.map((point) => percent(point.agency.percentComplete))].join(' '),
  );
  for (const goal of snapshot.goals)
    add(
      `trend of goal ${goal.id}`,
      [
        `Goal ${goal.id}`,
        ...snapshot.trend.map((point) =>
          percent(point.goals.find((g) => g.id === goal.id)?.percentComplete ?? null),
        ),
      ].join(' '),
    );
  for (const area of snapshot.missionAreas)
    add(
      `trend of ${area.id}`,
      [
        area.title,
        ...snapshot.trend.map((point) =>
          percent(point.missionAreas.find((a) => a.id === area.id)?.percentComplete ?? null),
        ),
      ].join(' '),
    );
  for (const row of snapshot.rows) add(`entry ${row.office} ${row.activityId}`, entryLine(row));
  return figures;
}
