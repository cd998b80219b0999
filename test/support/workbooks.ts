import ExcelJS from 'exceljs';
import { fillProgressSheet, type ProgressAnswers } from '../../shared/adapters/excel/progress-sheet-filler';
import { type ColumnKey, PROGRESS_COLUMNS, SHEETS } from '../../shared/domain/submission/template-layout';

export type Answers = ProgressAnswers;

const columnNumber = (key: ColumnKey) => PROGRESS_COLUMNS.findIndex((column) => column.key === key) + 1;

/** Loads a workbook, lets `edit` change it as a person would in Excel, and saves it again. */
export async function editWorkbook(
  bytes: Buffer,
  edit: (workbook: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  await edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Fills in a template's Progress rows: `answer` gives each activity's cells (by column key). */
export function fillTemplate(
  bytes: Buffer,
  answer: (activityId: string, index: number) => Answers = defaultAnswers,
): Promise<Buffer> {
  return fillProgressSheet(bytes, answer);
}

export function defaultAnswers(_activityId: string, index: number): Answers {
  return {
    status: 'On Track',
    percentComplete: 10 + (index % 80),
    metric: 'milestones met',
    actual: index,
    target: 100,
    nextMilestone: 'next step',
    milestoneDue: new Date(Date.UTC(2026, 11, 15)),
    accomplishments: 'work done',
    pointOfContact: 'owner@agency.example',
  };
}

export function progressSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(SHEETS.progress);
  if (!sheet) throw new Error('no Progress sheet');
  return sheet;
}

/** Sets one cell of the Progress sheet by row number and column key, optionally with a number format. */
export function setProgressCell(
  workbook: ExcelJS.Workbook,
  row: number,
  key: ColumnKey,
  value: ExcelJS.CellValue,
  numFmt?: string,
) {
  const cell = progressSheet(workbook).getRow(row).getCell(columnNumber(key));
  cell.value = value;
  // exceljs shares one style object among loaded cells with the same style: give this one its own.
  if (numFmt !== undefined) cell.style = { ...cell.style, numFmt };
}

export { columnNumber };
