import ExcelJS from 'exceljs';
import { STATUSES } from '../../domain/progress';
import { MILESTONE_WINDOW_YEARS, milestoneWindow } from '../../domain/submission/cell-rules';
import type { TemplateContent, TemplateRow } from '../../domain/submission/template-content';
import {
  type ColumnDefinition,
  type ColumnKey,
  PROGRESS_COLUMNS,
  SHEETS,
} from '../../domain/submission/template-layout';
import { COLOURS, fittedRowHeight, solidFill, thinBorder } from './workbook-styles';

/**
 * Lays out a template with exceljs's in-memory workbook (the streaming writer corrupts list
 * validations, exceljs #1387). Catalog cells are locked under sheet protection (no password: it
 * guards against slips, not people); input cells are unlocked, yellow, and carry dropdowns and
 * range checks, one validation per input column. Text is always written as text: nothing a
 * submitter typed can become a formula. Both visible sheets print one page wide.
 */
export async function writeTemplateWorkbook(
  content: TemplateContent,
  maxTextLength: number,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'strategy-report';
  workbook.created = content.generatedAt;
  workbook.modified = content.generatedAt;
  workbook.title = `${content.office.code} progress ${content.period}`;

  writeInstructions(workbook.addWorksheet(SHEETS.instructions), content);
  await writeProgress(
    workbook.addWorksheet(SHEETS.progress, {
      views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'E2' }],
    }),
    content,
    maxTextLength,
  );
  const metadata = workbook.addWorksheet(SHEETS.metadata, { state: 'veryHidden' });
  metadata.columns = [
    { header: 'key', key: 'key', width: 18 },
    { header: 'value', key: 'value', width: 40 },
  ];
  for (const [key, value] of content.metadata) metadata.addRow([key, value]);
  await metadata.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  // Opens on the Instructions: the deadline and the rules come first.
  workbook.views = [
    { activeTab: 0, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' },
  ];

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Characters in the one column of instructions: about 6.5 inches, inside a portrait Letter page. */
const INSTRUCTIONS_WIDTH = 90;

function writeInstructions(sheet: ExcelJS.Worksheet, content: TemplateContent): void {
  sheet.getColumn(1).width = INSTRUCTIONS_WIDTH;
  printOnePageWide(sheet, 'portrait', content);
  for (const line of content.instructions) {
    const row = sheet.addRow([line.text]);
    const cell = row.getCell(1);
    cell.alignment = { wrapText: true, vertical: 'top' };
    row.height = fittedRowHeight([line.text], [INSTRUCTIONS_WIDTH]);
    if (line.style === 'title') {
      cell.font = { bold: true, size: 14 };
      row.height = 22;
    }
    if (line.style === 'heading') {
      cell.font = { bold: true, size: 12 };
      // A blank line before each heading reads better than a border.
      row.height = 24;
      cell.alignment = { wrapText: true, vertical: 'bottom' };
    }
  }
}

async function writeProgress(
  sheet: ExcelJS.Worksheet,
  content: TemplateContent,
  maxTextLength: number,
): Promise<void> {
  sheet.columns = PROGRESS_COLUMNS.map((column) => ({ key: column.key, width: column.width }));
  const header = sheet.addRow(PROGRESS_COLUMNS.map((column) => column.header));
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: COLOURS.headerText } };
    cell.fill = solidFill(COLOURS.headerFill);
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.border = thinBorder();
  });
  for (const templateRow of content.rows) {
    const values = PROGRESS_COLUMNS.map((column) => initialValue(column.key, templateRow));
    const row = sheet.addRow(values);
    row.height = fittedRowHeight(
      values.map((value) => (typeof value === 'string' ? value : undefined)),
      PROGRESS_COLUMNS.map((column) => column.width),
    );
    PROGRESS_COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = thinBorder();
      if (!column.input) {
        cell.fill = solidFill(COLOURS.catalogFill);
        cell.protection = { locked: true };
        return;
      }
      cell.fill = solidFill(COLOURS.inputFill);
      cell.protection = { locked: false };
      if (column.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
    });
  }
  addValidations(sheet, content, maxTextLength);
  sheet.pageSetup.printTitlesRow = '1:1';
  printOnePageWide(sheet, 'landscape', content);
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1 + content.rows.length, column: PROGRESS_COLUMNS.length },
  };
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: false,
    insertRows: false,
    deleteRows: false,
  });
}

/**
 * One validation per input column, over all its rows. Set cell by cell, exceljs's writer merges
 * them into ranges after sorting the cell addresses as text (E10 before E2), so it writes each
 * column twice with overlapping ranges (E10:E23, then E2:E23); a range set once is written once.
 */
function addValidations(sheet: ExcelJS.Worksheet, content: TemplateContent, maxTextLength: number): void {
  if (content.rows.length === 0) return;
  const lastRow = 1 + content.rows.length;
  PROGRESS_COLUMNS.forEach((column, index) => {
    const validation = validationFor(column, content, maxTextLength);
    if (!validation) return;
    const letter = sheet.getColumn(index + 1).letter;
    (
      sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}2:${letter}${lastRow}`, validation);
  });
}

/** Fit to one page wide (any number tall), with the office, period and template version in the header. */
function printOnePageWide(
  sheet: ExcelJS.Worksheet,
  orientation: 'portrait' | 'landscape',
  content: TemplateContent,
): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const title = `${content.office.code} progress ${content.period}`.replace(/&/g, '&&');
  sheet.headerFooter = { ...sheet.headerFooter, oddHeader: `&L${title}&R&A`, oddFooter: '&RPage &P of &N' };
}

function initialValue(key: ColumnKey, row: TemplateRow): ExcelJS.CellValue {
  switch (key) {
    case 'activityId':
      return row.activityId;
    case 'goal':
      return row.goal;
    case 'objective':
      return row.objective;
    case 'keyActivity':
      return row.keyActivity;
    case 'milestoneDue':
      return row.previous?.milestoneDue ? new Date(`${row.previous.milestoneDue}T00:00:00Z`) : null;
    default:
      return row.previous?.[key] ?? null;
  }
}

function validationFor(
  column: ColumnDefinition,
  content: TemplateContent,
  maxTextLength: number,
): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: column.header,
    prompt: column.help.slice(0, 250),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: column.header,
  };
  switch (column.kind) {
    case 'list':
      return {
        ...common,
        type: 'list',
        formulae: [`"${STATUSES.join(',')}"`],
        error: `Choose one of: ${STATUSES.join(', ')}`,
      };
    case 'percent':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        error: 'A number from 0 to 100',
      };
    case 'number':
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e15, 1e15], error: 'A number' };
    case 'date': {
      const { earliest, latest } = milestoneWindow(content.period);
      return {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(`${earliest}T00:00:00Z`), new Date(`${latest}T00:00:00Z`)],
        error: `A date within ${MILESTONE_WINDOW_YEARS} years of ${content.period}, as YYYY-MM-DD`,
      };
    }
    case 'text':
    case 'email':
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [column.kind === 'email' ? 254 : maxTextLength],
        error: `At most ${column.kind === 'email' ? 254 : maxTextLength} characters`,
      };
    case 'catalog':
      return undefined;
  }
}
