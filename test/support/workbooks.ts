import ExcelJS from 'exceljs';
import {
  type AttestationAnswers,
  attestationAnswersOf,
  fillAttestationSheet,
  fillProgressRows,
  type ProgressAnswers,
} from '../../shared/adapters/excel/progress-sheet-filler';
import {
  ATTESTATION_FIELDS,
  type Attestation,
  attestationAnswers,
} from '../../shared/domain/submission/attestation';
import {
  type ColumnKey,
  METADATA_KEYS,
  PROGRESS_COLUMNS,
  SHEETS,
} from '../../shared/domain/submission/template-layout';

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

/**
 * Fills in a template's Progress rows (`answer` gives each activity's cells, by column key) and
 * its Attestation sheet: a complete attestation dated in the template's period unless
 * `attestation` says otherwise (`false`: leave the sheet as the template has it).
 */
export function fillTemplate(
  bytes: Buffer,
  answer: (activityId: string, index: number) => Answers = defaultAnswers,
  attestation: AttestationAnswers | false = {},
): Promise<Buffer> {
  return editWorkbook(bytes, (workbook) => {
    fillProgressRows(workbook, answer);
    if (attestation === false || !workbook.getWorksheet(SHEETS.attestation)) return;
    fillAttestationSheet(workbook, {
      ...attestationAnswersOf(defaultAttestation(templatePeriod(workbook))),
      ...attestation,
    });
  });
}

/** The Attestation sheet's answers of `defaultAttestation(period)`, to type into a template. */
export function attestationCellsFor(period: string): AttestationAnswers {
  return attestationAnswersOf(defaultAttestation(period));
}

/** `defaultAttestation(period)` as the text of each Answer cell, in the Attestation sheet's row order. */
export function attestationTexts(period: string): string[] {
  const answers = attestationAnswers(defaultAttestation(period));
  return ATTESTATION_FIELDS.map((field) => answers.get(field.key) ?? '');
}

/** A complete attestation, dated on the 28th of `period`. */
export function defaultAttestation(period: string): Attestation {
  return {
    preparedBy: { name: 'Pat Analyst', title: 'Program analyst', email: 'pat.analyst@agency.example' },
    approvedBy: { name: 'Dana Director', title: 'Deputy director', email: 'dana.director@agency.example' },
    date: `${period}-28`,
    dataQuality: {
      verification: 'A second analyst checks every figure against the system of record.',
      sources: 'The program management system and monthly field reports.',
      accuracy: 'Percent complete within 5 points.',
      limitations: 'Field reports arrive up to a week late.',
      compensation: 'Late figures are corrected in the next revision.',
    },
  };
}

/** The period a template was made for, from its Metadata sheet. */
export function templatePeriod(workbook: ExcelJS.Workbook): string {
  let period = '';
  workbook.getWorksheet(SHEETS.metadata)?.eachRow((row) => {
    if (row.getCell(1).value === METADATA_KEYS.period) period = String(row.getCell(2).value);
  });
  if (period === '') throw new Error('the template names no period');
  return period;
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
