import ExcelJS from 'exceljs';
import type { ProgressValues } from '../../domain/submission/progress-values';
import { type ColumnKey, PROGRESS_COLUMNS, SHEETS } from '../../domain/submission/template-layout';

/** The values typed into one Progress row, by column. */
export type ProgressAnswers = Partial<Record<ColumnKey, ExcelJS.CellValue>>;

const columnNumber = (key: ColumnKey) => PROGRESS_COLUMNS.findIndex((column) => column.key === key) + 1;

/**
 * Fills in a template's Progress rows as a person would in a spreadsheet program: loads the
 * workbook, types each activity's answers into its row, saves it. Used by the demo to play the
 * offices, and by tests.
 */
export async function fillProgressSheet(
  template: Buffer,
  answer: (activityId: string, index: number) => ProgressAnswers,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(SHEETS.progress);
  if (!sheet) throw new Error(`the template has no ${SHEETS.progress} sheet`);
  let index = 0;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const activityId = String(row.getCell(columnNumber('activityId')).value);
    for (const [key, value] of Object.entries(answer(activityId, index))) {
      row.getCell(columnNumber(key as ColumnKey)).value = value as ExcelJS.CellValue;
    }
    index += 1;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The cells of a row for `values`. Every input column is set, empty ones to blank, so what a
 * pre-filled template carried over from last month does not linger.
 */
export function progressAnswersOf(values: ProgressValues): ProgressAnswers {
  return {
    status: values.status,
    percentComplete: values.percentComplete,
    metric: values.metric ?? null,
    actual: values.actual ?? null,
    target: values.target ?? null,
    nextMilestone: values.nextMilestone ?? null,
    milestoneDue: values.milestoneDue ? new Date(`${values.milestoneDue}T00:00:00Z`) : null,
    accomplishments: values.accomplishments ?? null,
    risksAndIssues: values.risksAndIssues ?? null,
    pointOfContact: values.pointOfContact ?? null,
  };
}
