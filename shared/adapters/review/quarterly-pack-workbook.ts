import ExcelJS from 'exceljs';
import { formatPercent } from '../../domain/report/display-format';
import { NO_MITIGATION } from '../../domain/review/improvement-strategies';
import type { LevelReview } from '../../domain/review/level-review';
import type { QuarterlyReviewModel } from '../../domain/review/quarterly-review-model';
import { packTitle, quarterName } from '../../domain/review/review-wording';
import { unchangedSentence } from '../../domain/review/unchanged-count';
import { ATTESTATION_FIELDS, attestationAnswers } from '../../domain/submission/attestation';
import { finalizeXlsx } from '../excel/finalize-xlsx';
import { type Fact, fitFactLabels, writeFacts } from '../excel/sheet-facts';
import { preparePrinting } from '../excel/sheet-printing';
import { type CellValue, type Column, writeTable } from '../excel/sheet-table';

export const QUARTERLY_WORKBOOK_SHEETS = [
  'Summary',
  'Levels',
  'Trend',
  'Contributors',
  'Improvement strategies',
  'Accomplishments',
  'Next steps',
  'Data quality',
] as const;

const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/**
 * The quarterly review pack as a workbook: one sheet per part, one row per goal, objective or
 * mission area (and per office under each), for filtering and sorting. Every cell is written by the
 * report workbook's helpers (sheet-table.ts): no formula, formula-looking text kept inert; every
 * sheet prints one page wide with its header row repeated; the zip's dates are the generated date.
 */
export async function renderQuarterlyPackWorkbook(
  model: QuarterlyReviewModel,
  options: { readonly generatedAt: string; readonly rendererVersion: string },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const generated = new Date(options.generatedAt);
  workbook.creator = 'strategy-report';
  workbook.lastModifiedBy = 'strategy-report';
  workbook.created = generated;
  workbook.modified = generated;
  workbook.title = `${packTitle(model.quarter)}: ${model.plan.title}`;
  workbook.subject = quarterName(model.quarter);
  workbook.company = '';
  const levels = [...model.goals, ...model.objectives, ...model.missionAreas];
  const summaryHeaderRow = addSummary(workbook, model);
  addLevels(workbook, levels);
  addTrend(workbook, model, levels);
  addContributors(workbook, levels);
  addStrategies(workbook, model);
  addAccomplishments(workbook, model);
  addNextSteps(workbook, model);
  addDataQuality(workbook, model);
  for (const sheet of workbook.worksheets)
    preparePrinting(sheet, sheet.name === 'Summary' ? summaryHeaderRow : 1, {
      title: model.plan.title,
      footer: `${quarterName(model.quarter)} · generated ${options.generatedAt.slice(0, 10)} · strategy-report ${options.rendererVersion}`,
    });
  const bytes = await workbook.xlsx.writeBuffer();
  return finalizeXlsx(new Uint8Array(bytes as ArrayBuffer), generated);
}

const kindName = (level: LevelReview) =>
  level.kind === 'goal' ? 'Goal' : level.kind === 'objective' ? 'Objective' : 'Mission area';

function addSummary(workbook: ExcelJS.Workbook, model: QuarterlyReviewModel): number {
  const sheet = workbook.addWorksheet('Summary');
  const facts: Fact[] = [
    ['Review', packTitle(model.quarter)],
    ['Quarter', quarterName(model.quarter)],
    ['Plan', `${model.plan.title} (${model.plan.id} version ${model.plan.version})`],
    [
      'Percent complete',
      `${formatPercent(model.agency.endPercent)} at the end (${formatPercent(model.agency.startPercent)} at the start)`,
    ],
    [
      'Goals by risk',
      `${model.riskCounts.High} High, ${model.riskCounts.Medium} Medium, ${model.riskCounts.Low} Low`,
    ],
    ['Data reliability', model.dataQuality.overall],
    ['Unchanged entries', unchangedSentence(model.agency.unchanged)],
    ['Snapshots', model.sources.map((source) => `${source.period} v${source.version}`).join(', ')],
  ];
  const firstRow = writeFacts(sheet, facts, 2);
  writeTable(
    sheet,
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Title', kind: 'wrap' },
      { header: 'Risk', kind: 'status' },
      { header: 'Likelihood', kind: 'text' },
      { header: '% at start', kind: 'percent' },
      { header: '% at end', kind: 'percent' },
      { header: 'Entries completed', kind: 'count' },
      { header: 'Next steps', kind: 'count' },
    ],
    model.goals.map((goal) => [
      goal.id,
      goal.title,
      goal.risk.category,
      goal.likelihood.likelihood,
      fraction(goal.progress.startPercent),
      fraction(goal.progress.endPercent),
      goal.progress.entriesCompleted,
      goal.nextSteps.length,
    ]),
    { firstRow },
  );
  fitFactLabels(sheet, facts);
  return firstRow;
}

function addLevels(workbook: ExcelJS.Workbook, levels: readonly LevelReview[]): void {
  const columns: Column[] = [
    { header: 'Level', kind: 'text' },
    { header: 'Id', kind: 'text' },
    { header: 'Title', kind: 'wrap' },
    { header: 'Goal', kind: 'text' },
    { header: 'Risk', kind: 'status' },
    { header: 'Risk rule', kind: 'text' },
    { header: 'Why', kind: 'wrap' },
    { header: 'Likelihood', kind: 'text' },
    { header: 'Likelihood rule', kind: 'text' },
    { header: 'Pace (pts/month)', kind: 'number' },
    { header: 'Pace needed', kind: 'number' },
    { header: 'Start month', kind: 'text' },
    { header: '% at start', kind: 'percent' },
    { header: '% at end', kind: 'percent' },
    { header: 'Change (pts)', kind: 'points' },
    { header: 'Status', kind: 'status' },
    { header: 'Entries completed', kind: 'count' },
    { header: 'Reported', kind: 'count' },
    { header: 'Unchanged', kind: 'count' },
  ];
  writeTable(
    workbook.addWorksheet('Levels'),
    columns,
    levels.map((level): CellValue[] => [
      kindName(level),
      level.id,
      level.title,
      level.goalId,
      level.risk.category,
      level.risk.rule,
      level.risk.reason,
      level.likelihood.likelihood,
      level.likelihood.rule,
      level.likelihood.pace === undefined ? null : Math.round(level.likelihood.pace * 100) / 100,
      level.likelihood.requiredPace === undefined
        ? null
        : Math.round(level.likelihood.requiredPace * 100) / 100,
      level.progress.startPeriod,
      fraction(level.progress.startPercent),
      fraction(level.progress.endPercent),
      level.progress.change,
      level.progress.endStatus,
      level.progress.entriesCompleted,
      level.unchanged.reported,
      level.unchanged.unchanged,
    ]),
    { freezeColumns: 2 },
  );
}

function addTrend(
  workbook: ExcelJS.Workbook,
  model: QuarterlyReviewModel,
  levels: readonly LevelReview[],
): void {
  const quarters = model.goals[0]?.trend.map((point) => point.quarter) ?? [model.quarter.label];
  writeTable(
    workbook.addWorksheet('Trend'),
    [
      { header: 'Level', kind: 'text' },
      { header: 'Id', kind: 'text' },
      { header: 'Title', kind: 'wrap' },
      ...quarters.map((quarter) => ({ header: quarter, kind: 'percent' as const })),
    ],
    levels.map((level) => [
      kindName(level),
      level.id,
      level.title,
      ...level.trend.map((point) => fraction(point.percentComplete)),
    ]),
    { freezeColumns: 2 },
  );
}

function addContributors(workbook: ExcelJS.Workbook, levels: readonly LevelReview[]): void {
  writeTable(
    workbook.addWorksheet('Contributors'),
    [
      { header: 'Level', kind: 'text' },
      { header: 'Id', kind: 'text' },
      { header: 'Office', kind: 'text' },
      { header: 'Office name', kind: 'text' },
      { header: 'Months on time', kind: 'count' },
      { header: 'Months late', kind: 'count' },
      { header: 'Months not reported', kind: 'count' },
      { header: 'Entries', kind: 'count' },
      { header: 'On track', kind: 'count' },
      { header: 'Share on track', kind: 'percent' },
      { header: 'Reported in quarter', kind: 'count' },
      { header: 'Unchanged', kind: 'count' },
    ],
    levels.flatMap((level) =>
      level.contributors.map((contributor) => [
        kindName(level),
        level.id,
        contributor.office,
        contributor.name,
        contributor.onTime,
        contributor.late,
        contributor.notReported,
        contributor.entries,
        contributor.onTrack,
        contributor.onTrackShare,
        contributor.reported,
        contributor.unchanged,
      ]),
    ),
    { freezeColumns: 3 },
  );
}

function addStrategies(workbook: ExcelJS.Workbook, model: QuarterlyReviewModel): void {
  writeTable(
    workbook.addWorksheet('Improvement strategies'),
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Risk', kind: 'status' },
      { header: 'Office', kind: 'text' },
      { header: 'Key activity', kind: 'text' },
      { header: 'Activity', kind: 'wrap' },
      { header: 'Status', kind: 'status' },
      { header: 'Risks and issues', kind: 'wrap' },
      { header: 'Improvement strategy (mitigation)', kind: 'wrap' },
    ],
    model.goals
      .filter((goal) => goal.mostAtRisk)
      .flatMap((goal) =>
        goal.improvementStrategies.map((strategy) => [
          goal.id,
          goal.risk.category,
          strategy.office,
          strategy.activityId,
          strategy.activityText,
          strategy.status,
          strategy.risksAndIssues,
          strategy.mitigation ?? NO_MITIGATION,
        ]),
      ),
  );
}

function addAccomplishments(workbook: ExcelJS.Workbook, model: QuarterlyReviewModel): void {
  writeTable(
    workbook.addWorksheet('Accomplishments'),
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Month', kind: 'text' },
      { header: 'Office', kind: 'text' },
      { header: 'Key activity', kind: 'text' },
      { header: 'Activity', kind: 'wrap' },
      { header: 'Accomplishments', kind: 'wrap' },
    ],
    model.goals.flatMap((goal) =>
      goal.accomplishments.map((item) => [
        goal.id,
        item.period,
        item.office,
        item.activityId,
        item.activityText,
        item.accomplishments,
      ]),
    ),
  );
}

function addNextSteps(workbook: ExcelJS.Workbook, model: QuarterlyReviewModel): void {
  writeTable(
    workbook.addWorksheet('Next steps'),
    [
      { header: 'Goal', kind: 'text' },
      { header: 'Due', kind: 'date' },
      { header: 'Office', kind: 'text' },
      { header: 'Key activity', kind: 'text' },
      { header: 'Activity', kind: 'wrap' },
      { header: 'Milestone', kind: 'wrap' },
      { header: 'Status', kind: 'status' },
    ],
    model.goals.flatMap((goal) =>
      goal.nextSteps.map((step) => [
        goal.id,
        step.due,
        step.office,
        step.activityId,
        step.activityText,
        step.milestone,
        step.status,
      ]),
    ),
  );
}

function addDataQuality(workbook: ExcelJS.Workbook, model: QuarterlyReviewModel): void {
  writeTable(
    workbook.addWorksheet('Data quality'),
    [
      { header: 'Office', kind: 'text' },
      { header: 'Office name', kind: 'text' },
      { header: 'Reliability', kind: 'text' },
      { header: 'Rule', kind: 'text' },
      { header: 'Why', kind: 'wrap' },
      ...model.quarter.periods.map((period) => ({ header: `${period} reporting`, kind: 'text' as const })),
      { header: 'Rejected before acceptance', kind: 'count' },
      { header: 'Reported', kind: 'count' },
      { header: 'Unchanged', kind: 'count' },
      { header: 'Attestation from', kind: 'text' },
      { header: 'Template version 1 months', kind: 'text' },
      ...ATTESTATION_FIELDS.map((field) => ({
        header: field.label,
        kind: field.key === 'date' ? ('date' as const) : ('wrap' as const),
      })),
    ],
    model.dataQuality.offices.map((office) => {
      const answers = office.attestation ? attestationAnswers(office.attestation) : undefined;
      return [
        office.office,
        office.name,
        office.reliability.verdict,
        office.reliability.rule,
        office.reliability.reason,
        ...office.months.map((month) => month.timeliness),
        office.rejectedBeforeAcceptance,
        office.unchanged.reported,
        office.unchanged.unchanged,
        office.attestation ? office.attestationPeriod : 'none (template version 1 or no submission)',
        office.templateVersion1Months.join(', '),
        ...ATTESTATION_FIELDS.map((field) => answers?.get(field.key) ?? null),
      ];
    }),
    { freezeColumns: 1 },
  );
}
