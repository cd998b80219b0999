import ExcelJS from 'exceljs';
import { supersedesNotice, unchangedLine } from '../../domain/report/brief-wording';
import { formatIsoDate } from '../../domain/report/display-format';
import { objectiveLabel, type ReportModel } from '../../domain/report/report-model';
import { COUNTED_STATUSES, type LevelSummary, type SnapshotRow } from '../../domain/rollup/rollup-snapshot';
import { finalizeXlsx } from './finalize-xlsx';
import { type Fact, writeFacts } from './sheet-facts';
import { preparePrinting } from './sheet-printing';
import { type CellValue, type Column, writeTable } from './sheet-table';

export const WORKBOOK_SHEETS = [
  'Summary',
  'Objectives',
  'Key Activities',
  'Offices',
  'At Risk',
  'Trend',
  'Data',
] as const;

const percentOrNull = (value: number | null | undefined) =>
  value === null || value === undefined ? null : value / 100;

/** The level-summary columns every summary-like sheet repeats, after its own identifying columns. */
const SUMMARY_COLUMNS: readonly Column[] = [
  { header: 'Status', kind: 'status' },
  { header: '% complete', kind: 'percent' },
  { header: 'Change (pts)', kind: 'points' },
  { header: 'Reported', kind: 'count' },
  { header: 'Carried forward', kind: 'count' },
  { header: 'Missing', kind: 'count' },
  { header: 'Expected', kind: 'count' },
  ...COUNTED_STATUSES.map((status) => ({ header: status, kind: 'count' as const })),
  { header: 'Metric attainment', kind: 'percent' },
  { header: 'Metrics', kind: 'count' },
  { header: 'Likelihood', kind: 'text' },
  { header: 'Previous status', kind: 'text' },
  { header: 'Movement', kind: 'text' },
  { header: 'Status rule', kind: 'text' },
];

function summaryValues(summary: LevelSummary): CellValue[] {
  return [
    summary.status,
    percentOrNull(summary.percentComplete),
    summary.change.percentDelta,
    summary.reported,
    summary.carriedForward,
    summary.missing,
    summary.expected,
    ...COUNTED_STATUSES.map((status) => summary.statusCounts[status]),
    summary.metricAttainment,
    summary.metricCount,
    summary.likelihood,
    summary.change.previousStatus,
    summary.change.movement,
    summary.statusRule,
  ];
}

function addSummarySheet(workbook: ExcelJS.Workbook, model: ReportModel): number {
  const sheet = workbook.addWorksheet('Summary');
  const facts: Fact[] = [
    ['Report', model.title],
    ['Period', `${model.period} (${model.periodLabel}), as of ${model.asOf}`],
    ['Generated', model.generatedOn],
    ['Offices reported', model.offices.text],
    ...(unchangedLine(model)
      ? [['Unchanged entries', unchangedLine(model) as string] as [string, string]]
      : []),
    ['Catalog', `${model.catalog.id} version ${model.catalog.version}`],
    ['Rollup snapshot', `version ${model.snapshot.version}, SHA-256 ${model.snapshot.sha256}`],
    ['Percentages', PERCENT_CONVENTION],
  ];
  const notice = supersedesNotice(model);
  if (notice) facts.unshift(['Replaces', notice]);
  if (model.markingBanner) facts.unshift(['Marking', model.markingBanner]);
  // The value goes in column C, so each label may run on into the empty column B.
  const firstRow = writeFacts(sheet, facts, 3);
  const lines: CellValue[][] = [
    ['Agency', '', 'Agency', ...summaryValues(model.agency)],
    ...model.goalLines.map((line, index) => [
      'Goal',
      model.goals[index]?.goal.id ?? '',
      line.label,
      ...summaryValues(line.summary),
    ]),
    ...model.missionAreaLines.map((line, index) => [
      'Mission area',
      model.missionAreas[index]?.area.id ?? '',
      line.label,
      ...summaryValues(line.summary),
    ]),
  ];
  writeTable(
    sheet,
    [
      { header: 'Level', kind: 'text' },
      { header: 'Id', kind: 'text' },
      { header: 'Name', kind: 'text' },
      ...SUMMARY_COLUMNS,
    ],
    lines,
    { firstRow, freezeColumns: 3 },
  );
  return firstRow;
}

function addObjectivesSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Objectives');
  const areaTitle = new Map(model.missionAreas.map(({ area }) => [area.id, area.title]));
  const rows = model.goals.flatMap((section) =>
    section.objectives.map(({ objective }) => [
      `Goal ${section.goal.id}`,
      objective.missionAreaId ? (areaTitle.get(objective.missionAreaId) ?? objective.missionAreaId) : '',
      objective.id,
      objective.title,
      ...summaryValues(objective),
    ]),
  );
  writeTable(
    sheet,
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Mission area', kind: 'text' },
      { header: 'Objective', kind: 'text' },
      { header: 'Title', kind: 'text' },
      ...SUMMARY_COLUMNS,
    ],
    rows,
    { freezeColumns: 4 },
  );
}

/**
 * What an office said about one key activity beyond its status and percent, in the order both the
 * Key Activities sheet (for people: wrapped narrative, percentages) and the Data sheet (for
 * machines: snake_case, plain numbers) show it.
 */
const ENTRY_DETAIL_COLUMNS: readonly { readonly readable: Column; readonly data: Column }[] = [
  { readable: { header: 'Metric', kind: 'text' }, data: { header: 'metric', kind: 'text' } },
  { readable: { header: 'Actual', kind: 'number' }, data: { header: 'actual', kind: 'number' } },
  { readable: { header: 'Target', kind: 'number' }, data: { header: 'target', kind: 'number' } },
  { readable: { header: 'Attainment', kind: 'percent' }, data: { header: 'attainment', kind: 'percent' } },
  { readable: { header: 'Next milestone', kind: 'text' }, data: { header: 'next_milestone', kind: 'text' } },
  { readable: { header: 'Milestone due', kind: 'date' }, data: { header: 'milestone_due', kind: 'date' } },
  {
    readable: { header: 'Milestone overdue', kind: 'yesno' },
    data: { header: 'milestone_overdue', kind: 'yesno' },
  },
  {
    readable: { header: 'Accomplishments', kind: 'wrap' },
    data: { header: 'accomplishments', kind: 'text' },
  },
  {
    readable: { header: 'Risks and issues', kind: 'wrap' },
    data: { header: 'risks_and_issues', kind: 'text' },
  },
  {
    readable: { header: 'Point of contact', kind: 'text' },
    data: { header: 'point_of_contact', kind: 'text' },
  },
];

/** The values of ENTRY_DETAIL_COLUMNS, in the same order. */
function entryDetailValues(entry: SnapshotRow): CellValue[] {
  return [
    entry.metric,
    entry.actual,
    entry.target,
    entry.attainment,
    entry.nextMilestone,
    entry.milestoneDue,
    entry.milestoneOverdue,
    entry.accomplishments,
    entry.risksAndIssues,
    entry.pointOfContact,
  ];
}

function addKeyActivitiesSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Key Activities');
  const rows: CellValue[][] = [];
  for (const goal of model.goals) {
    for (const objective of goal.objectives) {
      for (const section of objective.activities) {
        const entries = new Map(section.entries.map((entry) => [entry.office, entry]));
        for (const office of section.activity.offices) {
          const entry = entries.get(office);
          const identity = [
            `Goal ${goal.goal.id}`,
            objectiveLabel(objective.objective),
            section.activity.id,
            section.activity.text,
            office,
          ];
          if (!entry) {
            rows.push([...identity, 'not reported', null, 'Not Reported']);
            continue;
          }
          rows.push([
            ...identity,
            entry.source === 'reported' ? 'reported' : 'carried forward',
            entry.fromPeriod,
            entry.status,
            entry.percentComplete / 100,
            ...entryDetailValues(entry),
            entry.revision,
          ]);
        }
      }
    }
  }
  writeTable(
    sheet,
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Objective', kind: 'text' },
      { header: 'Key activity', kind: 'text' },
      { header: 'Activity', kind: 'wrap' },
      { header: 'Office', kind: 'text' },
      { header: 'Source', kind: 'text' },
      { header: 'From period', kind: 'text' },
      { header: 'Status', kind: 'status' },
      { header: '% complete', kind: 'percent' },
      ...ENTRY_DETAIL_COLUMNS.map((column) => column.readable),
      { header: 'Revision', kind: 'count' },
    ],
    rows,
    { freezeColumns: 5 },
  );
}

function addOfficesSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Offices');
  const inputs = new Map(model.inputs.map((input) => [input.office, input]));
  const rows = model.offices.all.map((office) => {
    const input = inputs.get(office.code);
    return [
      office.code,
      office.name,
      office.submitted,
      office.revision ?? input?.revision,
      office.submittedAt ?? input?.acceptedAt,
      office.uploader ?? input?.uploader,
      input?.submissionId,
      input?.sha256,
      input?.rowCount,
      ...summaryValues(office),
      // Snapshots that count unchanged entries (schema 2) add the column; older ones render as they did.
      ...(model.unchanged ? [office.unchanged] : []),
    ];
  });
  writeTable(
    sheet,
    [
      { header: 'Office', kind: 'text' },
      { header: 'Name', kind: 'text' },
      { header: 'Submitted', kind: 'yesno' },
      { header: 'Revision', kind: 'count' },
      { header: 'Accepted at', kind: 'datetime' },
      { header: 'Uploader', kind: 'text' },
      { header: 'Submission id', kind: 'text' },
      { header: 'Submission SHA-256', kind: 'hash' },
      { header: 'Rows', kind: 'count' },
      ...SUMMARY_COLUMNS,
      ...(model.unchanged ? [{ header: 'Unchanged entries', kind: 'count' as const }] : []),
    ],
    rows,
    { freezeColumns: 2 },
  );
}

function addAtRiskSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('At Risk');
  const areaTitle = new Map(model.missionAreas.map(({ area }) => [area.id, area.title]));
  const rows = model.atRisk.map((entry) => [
    entry.rank,
    entry.severity,
    entry.office,
    entry.activityId,
    entry.activityText,
    `Goal ${entry.goalId}`,
    entry.objectiveId,
    entry.missionAreaId ? (areaTitle.get(entry.missionAreaId) ?? entry.missionAreaId) : '',
    entry.status,
    entry.percentComplete / 100,
    entry.reasons.join('; '),
    entry.risksAndIssues,
    entry.accomplishments,
    entry.nextMilestone,
    entry.milestoneDue,
    entry.pointOfContact,
    entry.source === 'reported' ? 'reported' : 'carried forward',
    ...(model.unchanged ? [entry.mitigation] : []),
  ]);
  writeTable(
    sheet,
    [
      { header: 'Rank', kind: 'count' },
      { header: 'Severity', kind: 'number' },
      { header: 'Office', kind: 'text' },
      { header: 'Key activity', kind: 'text' },
      { header: 'Activity', kind: 'wrap' },
      { header: 'Goal', kind: 'text' },
      { header: 'Objective', kind: 'text' },
      { header: 'Mission area', kind: 'text' },
      { header: 'Status', kind: 'status' },
      { header: '% complete', kind: 'percent' },
      { header: 'Reasons', kind: 'text' },
      { header: 'Risks and issues', kind: 'wrap' },
      { header: 'Accomplishments', kind: 'wrap' },
      { header: 'Next milestone', kind: 'text' },
      { header: 'Milestone due', kind: 'date' },
      { header: 'Point of contact', kind: 'text' },
      { header: 'Source', kind: 'text' },
      ...(model.unchanged ? [{ header: 'Mitigation / next steps', kind: 'wrap' as const }] : []),
    ],
    rows,
    { freezeColumns: 4 },
  );
}

function addTrendSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Trend');
  const level = (kind: string, id: string, name: string, values: readonly (number | null)[]) => [
    kind,
    id,
    name,
    ...values.map(percentOrNull),
  ];
  const rows = [
    level('Agency', '', 'Agency', model.trend.byGoal[0]?.values ?? []),
    ...model.goals.map((section, index) =>
      level('Goal', section.goal.id, section.label, model.trend.byGoal[index + 1]?.values ?? []),
    ),
    ...model.missionAreas.map(({ area }, index) =>
      level('Mission area', area.id, area.title, model.trend.byMissionArea[index]?.values ?? []),
    ),
  ];
  writeTable(
    sheet,
    [
      { header: 'Level', kind: 'text' },
      { header: 'Id', kind: 'text' },
      { header: 'Name', kind: 'text' },
      ...model.trend.periods.map((period) => ({ header: period, kind: 'percent' as const })),
    ],
    rows,
    { freezeColumns: 3 },
  );
}

/**
 * One flat, machine-readable table of every entry the snapshot holds, with snake_case headers.
 * Percentages follow the workbook's one convention: a fraction formatted as a percentage (0.753
 * shows 75.3%), rounded as shown.
 */
function addDataSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet('Data');
  const objectiveOf = new Map(
    model.goals.flatMap((goal) =>
      goal.objectives.flatMap((objective) =>
        objective.activities.map((section) => [section.activity.id, section.activity] as const),
      ),
    ),
  );
  const rows = model.rows.map((row) => {
    const activity = objectiveOf.get(row.activityId);
    return [
      model.period,
      row.office,
      row.activityId,
      activity?.objectiveId,
      activity?.goalId,
      activity?.missionAreaId,
      row.status,
      row.percentComplete / 100,
      ...entryDetailValues(row),
      row.source,
      row.fromPeriod,
      row.revision,
      ...(model.unchanged ? [row.mitigation, row.unchanged] : []),
    ];
  });
  writeTable(
    sheet,
    [
      { header: 'period', kind: 'text' },
      { header: 'office', kind: 'text' },
      { header: 'activity_id', kind: 'text' },
      { header: 'objective_id', kind: 'text' },
      { header: 'goal_id', kind: 'text' },
      { header: 'mission_area_id', kind: 'text' },
      { header: 'status', kind: 'text' },
      { header: 'percent_complete', kind: 'percent' },
      ...ENTRY_DETAIL_COLUMNS.map((column) => column.data),
      { header: 'source', kind: 'text' },
      { header: 'from_period', kind: 'text' },
      { header: 'revision', kind: 'count' },
      ...(model.unchanged
        ? [
            { header: 'mitigation', kind: 'text' as const },
            { header: 'unchanged', kind: 'yesno' as const },
          ]
        : []),
    ],
    rows,
  );
}

/** How every sheet writes a percentage (the Summary sheet says it, docs/reports.md too). */
const PERCENT_CONVENTION =
  'Every percentage is a fraction shown as a percentage (0.753 shows 75.3%), rounded as shown; changes are percentage points.';

/**
 * The report workbook: Summary, Objectives, Key Activities, Offices, At Risk, Trend and Data.
 * Every value comes from the model (so from the snapshot); no cell holds a formula; the same model
 * always gives the same bytes (the workbook's dates and the zip's are the generated date).
 */
export async function renderReportWorkbook(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const generated = new Date(model.generatedAt);
  workbook.creator = 'strategy-report';
  workbook.lastModifiedBy = 'strategy-report';
  workbook.created = generated;
  workbook.modified = generated;
  workbook.title = `${model.title}, ${model.period}`;
  workbook.subject = `Status of ${model.catalog.title} for ${model.periodLabel} (generated ${formatIsoDate(model.generatedAt)})`;
  workbook.company = '';
  const summaryHeaderRow = addSummarySheet(workbook, model);
  addObjectivesSheet(workbook, model);
  addKeyActivitiesSheet(workbook, model);
  addOfficesSheet(workbook, model);
  addAtRiskSheet(workbook, model);
  addTrendSheet(workbook, model);
  addDataSheet(workbook, model);
  for (const sheet of workbook.worksheets)
    preparePrinting(sheet, sheet.name === 'Summary' ? summaryHeaderRow : 1, {
      title: model.catalog.title,
      footer: `${model.periodLabel} (${model.period}) · snapshot v${model.snapshot.version} · generated ${model.generatedOn}`,
      marking: model.markingBanner,
    });
  const bytes = await workbook.xlsx.writeBuffer();
  return finalizeXlsx(new Uint8Array(bytes as ArrayBuffer), generated);
}
