import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ExcelSubmissionWorkbooks } from '../../../../shared/adapters/excel/excel-submission-workbooks';
import { writeTemplateWorkbook } from '../../../../shared/adapters/excel/template-workbook-writer';
import { formatProblem } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import { ATTESTATION_FIELDS } from '../../../../shared/domain/submission/attestation';
import { buildTemplateContent } from '../../../../shared/domain/submission/template-content';
import { validateSubmission } from '../../../../shared/domain/submission/validate-submission';
import { catalog } from '../../../support/submitted-workbooks';
import { defaultLimits } from '../../../support/templates';
import { defaultAnswers, defaultAttestation, fillTemplate } from '../../../support/workbooks';

const workbooks = new ExcelSubmissionWorkbooks();

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

async function prefilledTemplate(): Promise<Buffer> {
  const content = buildTemplateContent({
    catalog,
    officeCode: 'OT',
    period: parsePeriod('2026-11'),
    submissionDeadlineDay: 10,
    maxTextLength: 4000,
    maxUploadBytes: defaultLimits.maxUploadBytes,
    generatedAt: new Date('2026-12-01T09:00:00Z'),
    previous: {
      period: parsePeriod('2026-10'),
      revision: 4,
      rows: [],
      attestation: defaultAttestation('2026-10'),
    },
  });
  return writeTemplateWorkbook(content, 4000);
}

const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
};

describe("the template's Attestation sheet", () => {
  it('lists every field with its help, answers open and pre-filled but for the date, labels locked', async () => {
    const workbook = await load(await prefilledTemplate());
    const sheet = workbook.getWorksheet('Attestation') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Item', 'Answer', 'What to write']);
    expect(sheet.rowCount).toBe(1 + ATTESTATION_FIELDS.length);
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    for (const field of ATTESTATION_FIELDS) {
      const row = rowOf(sheet, field.label);
      expect(row.getCell(3).value, field.label).toBe(field.help);
      expect(row.getCell(1).protection?.locked ?? true, field.label).toBe(true);
      expect(row.getCell(2).protection?.locked, field.label).toBe(false);
    }
    expect(rowOf(sheet, 'Approved by: name').getCell(2).value).toBe('Dana Director');
    expect(rowOf(sheet, 'Accuracy required').getCell(2).value).toBe('Percent complete within 5 points.');
    const date = rowOf(sheet, 'Date of attestation').getCell(2);
    expect(date.value).toBeNull();
    expect(date.numFmt).toBe('yyyy-mm-dd');
    expect(date.dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    expect(rowOf(sheet, 'Prepared by: e-mail').getCell(2).dataValidation).toMatchObject({
      type: 'textLength',
      formulae: [254],
    });
  });

  it('sent back as pre-filled is refused for its date only, with the cell marked in the copy', async () => {
    const bytes = await fillTemplate(await prefilledTemplate(), defaultAnswers, false);
    const reading = await workbooks.read(bytes, defaultLimits, 'ot.xlsx');
    if (reading.kind !== 'read') throw new Error(reading.kind);
    const result = validateSubmission(reading.workbook, {
      catalog,
      office: 'OT',
      period: parsePeriod('2026-11'),
      file: 'ot.xlsx',
      maxTextLength: 4000,
    });
    const dateRow = 2 + ATTESTATION_FIELDS.findIndex((field) => field.key === 'date');
    expect(result.problems.map(formatProblem)).toEqual([
      `ot.xlsx, sheet Attestation, row ${dateRow}, column Answer: "Date of attestation" is blank: The day this period’s data was checked and approved (YYYY-MM-DD), on or after the first day of the reporting period. Never pre-filled: enter it every period. [attestation.missing-field]`,
    ]);

    const copy = await workbooks.annotate(bytes, result.problems, defaultLimits, 'ot.xlsx');
    if (copy.kind !== 'copy') throw new Error(copy.reason);
    const annotated = await load(copy.bytes);
    expect(annotated.worksheets.map((sheet) => sheet.name)).toEqual([
      'Instructions',
      'Progress',
      'Attestation',
      'Metadata',
      'Errors',
    ]);
    const attestation = annotated.getWorksheet('Attestation') as ExcelJS.Worksheet;
    const cell = attestation.getRow(dateRow).getCell(2);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(cell.note)).toContain('[attestation.missing-field]');
    expect(rowOf(attestation, 'Approved by: name').getCell(2).value).toBe('Dana Director');
    // The copy keeps the sheet's answer cells open and its checks, so it can be fixed and sent again.
    expect(cell.protection?.locked).toBe(false);
    expect(cell.dataValidation).toMatchObject({ type: 'date' });
    const progress = annotated.getWorksheet('Progress') as ExcelJS.Worksheet;
    expect(progress.getRow(1).getCell(14).value).toBe('Mitigation / Next Steps');
  });
});
