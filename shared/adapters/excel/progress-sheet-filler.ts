import ExcelJS from 'exceljs';
import {
  ATTESTATION_FIELDS,
  ATTESTATION_HEADERS,
  type Attestation,
  type AttestationFieldKey,
  attestationAnswers,
} from '../../domain/submission/attestation';
import type { ProgressValues } from '../../domain/submission/progress-values';
import { type ColumnKey, PROGRESS_COLUMNS, SHEETS } from '../../domain/submission/template-layout';

/** The values typed into one Progress row, by column. */
export type ProgressAnswers = Partial<Record<ColumnKey, ExcelJS.CellValue>>;
/** The values typed into the Attestation sheet's Answer cells, by field (null clears one). */
export type AttestationAnswers = Partial<Record<AttestationFieldKey, ExcelJS.CellValue>>;

const columnNumber = (key: ColumnKey) => PROGRESS_COLUMNS.findIndex((column) => column.key === key) + 1;

/**
 * Fills in a template's Progress rows as a person would in a spreadsheet program: loads the
 * workbook, types each activity's answers into its row (and, when given, the attestation's
 * answers into the Attestation sheet), saves it. Used by the demo to play the offices, and by tests.
 */
export async function fillProgressSheet(
  template: Buffer,
  answer: (activityId: string, index: number) => ProgressAnswers,
  attestation?: AttestationAnswers,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  fillProgressRows(workbook, answer);
  if (attestation) fillAttestationSheet(workbook, attestation);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Types each activity's answers into its Progress row of a loaded template. */
export function fillProgressRows(
  workbook: ExcelJS.Workbook,
  answer: (activityId: string, index: number) => ProgressAnswers,
): void {
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
}

const fieldByLabel = new Map(ATTESTATION_FIELDS.map((field) => [field.label, field.key]));

/** Types the attestation's answers into the Answer cells of a loaded template's Attestation sheet. */
export function fillAttestationSheet(workbook: ExcelJS.Workbook, answers: AttestationAnswers): void {
  const sheet = workbook.getWorksheet(SHEETS.attestation);
  if (!sheet) throw new Error(`the template has no ${SHEETS.attestation} sheet`);
  let answerColumn = 2;
  sheet.getRow(1).eachCell((cell, column) => {
    if (cell.value === ATTESTATION_HEADERS.answer) answerColumn = column;
  });
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const key = fieldByLabel.get(String(row.getCell(1).value));
    if (key !== undefined && key in answers) row.getCell(answerColumn).value = answers[key] ?? null;
  });
}

/** The cells of the Attestation sheet for `attestation`: its date typed as a real date. */
export function attestationAnswersOf(attestation: Attestation): AttestationAnswers {
  const answers: AttestationAnswers = Object.fromEntries(attestationAnswers(attestation));
  answers.date = new Date(`${attestation.date}T00:00:00Z`);
  return answers;
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
    mitigation: values.mitigation ?? null,
    pointOfContact: values.pointOfContact ?? null,
  };
}
