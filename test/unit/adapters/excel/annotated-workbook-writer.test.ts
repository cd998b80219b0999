import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS_SPELLED_OUT } from '../../../../shared/adapters/excel/annotated-workbook-writer';
import { ExcelSubmissionWorkbooks } from '../../../../shared/adapters/excel/excel-submission-workbooks';
import type { InputProblem } from '../../../../shared/domain/errors';
import { workBudget } from '../../../../shared/domain/submission/work-budget';
import { NO_COPY_REASONS } from '../../../../shared/domain/submission/workbook-limits';
import { defaultLimits, filledTemplate } from '../../../support/templates';
import { editWorkbook, setProgressCell } from '../../../support/workbooks';
import { editPart } from '../../../support/zip-surgery';

const problems: InputProblem[] = [
  {
    rule: 'status.allowed-values',
    message: '"Done" is not a status',
    file: 'f.xlsx',
    sheet: 'Progress',
    row: 3,
    column: 'Status',
  },
  {
    rule: 'percent.range',
    message: '150 is outside 0 to 100',
    file: 'f.xlsx',
    sheet: 'Progress',
    row: 4,
    column: 'Percent Complete',
  },
  {
    rule: 'risks.required',
    message: 'say what the risks are',
    file: 'f.xlsx',
    sheet: 'Progress',
    row: 4,
    column: 'Risks and Issues',
  },
  { rule: 'activity.missing', message: 'key activity 2.7.3 is missing', file: 'f.xlsx', sheet: 'Progress' },
  { rule: 'metadata.period-mismatch', message: 'the workbook is the template for 2026-09', file: 'f.xlsx' },
];

async function annotateWorkbook(bytes: Buffer, listed: readonly InputProblem[]): Promise<Buffer> {
  const copy = await new ExcelSubmissionWorkbooks().annotate(bytes, listed, defaultLimits, 'f.xlsx');
  if (copy.kind !== 'copy') throw new Error(`no copy: ${copy.reason}`);
  return copy.bytes;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('the annotated copy of a rejected workbook', () => {
  let annotated: ExcelJS.Workbook;
  let bytes: Buffer;
  beforeAll(async () => {
    const submitted = await editWorkbook(await filledTemplate(), (workbook) => {
      setProgressCell(workbook, 3, 'status', 'Done');
      setProgressCell(workbook, 5, 'actual', { formula: 'A1*2', result: 4 });
      workbook.getWorksheet('Instructions')?.mergeCells('B1:C2');
      // An empty merged range beside the header row: its cells have no text of their own.
      workbook.getWorksheet('Progress')?.mergeCells('P1:Q1');
    });
    bytes = await annotateWorkbook(submitted, problems);
    annotated = await load(bytes);
  });

  it('marks each bad cell red with a note naming the rule, and only those cells', () => {
    const progress = annotated.getWorksheet('Progress') as ExcelJS.Worksheet;
    const status = progress.getCell('E3');
    expect(fillOf(status)).toBe('FFFFC7CE');
    expect(status.note).toBe('"Done" is not a status [status.allowed-values]');
    expect(progress.getCell('F4').note).toBe('150 is outside 0 to 100 [percent.range]');
    expect(progress.getCell('M4').note).toBe('say what the risks are [risks.required]');
    expect(fillOf(progress.getCell('E2'))).toBe('FFFFF2CC');
    expect(fillOf(progress.getCell('E5'))).toBe('FFFFF2CC');
    expect(progress.getCell('E2').note).toBeUndefined();
  });

  it('lists every problem on an Errors sheet, the one it opens on', () => {
    const errors = annotated.getWorksheet('Errors') as ExcelJS.Worksheet;
    expect(errors.getCell('A1').value).toBe('5 problems: fix them, then upload the workbook again');
    const listed = [];
    for (let row = 3; row <= errors.rowCount; row++) listed.push(errors.getRow(row).values);
    expect(listed).toEqual([
      [undefined, 1, 'Progress', 3, 'Status', 'status.allowed-values', '"Done" is not a status'],
      [undefined, 2, 'Progress', 4, 'Percent Complete', 'percent.range', '150 is outside 0 to 100'],
      [undefined, 3, 'Progress', 4, 'Risks and Issues', 'risks.required', 'say what the risks are'],
      [undefined, 4, 'Progress', undefined, undefined, 'activity.missing', 'key activity 2.7.3 is missing'],
      [
        undefined,
        5,
        undefined,
        undefined,
        undefined,
        'metadata.period-mismatch',
        'the workbook is the template for 2026-09',
      ],
    ]);
    expect(annotated.views[0]?.activeTab).toBe(annotated.worksheets.indexOf(errors));
  });

  it('keeps the metadata so a fixed copy can be sent again, and holds no formula', async () => {
    expect(annotated.getWorksheet('Metadata')?.state).toBe('veryHidden');
    expect((annotated.getWorksheet('Progress') as ExcelJS.Worksheet).getCell('H5').value).toBe(4);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((file) => /^xl\/worksheets\/sheet\d+\.xml$/.test(file)))
      expect(await zip.file(name)?.async('string'), name).not.toMatch(/<f[ >]/);
  });

  it('spells out the first thousand problems, and says how many more there are', async () => {
    const many = Array.from({ length: PROBLEMS_SPELLED_OUT + 2 }, (_, index) => ({
      rule: 'activity.unknown',
      message: `activity 9.${index} is not in the catalog`,
      file: 'f.xlsx',
      sheet: 'Progress',
      row: 2 + (index % 20),
      column: 'Activity ID',
    }));
    const errors = (await load(await annotateWorkbook(bytes, many))).getWorksheet(
      'Errors',
    ) as ExcelJS.Worksheet;
    expect(errors.getCell('A1').value).toBe('1002 problems: fix them, then upload the workbook again');
    expect(errors.rowCount).toBe(2 + PROBLEMS_SPELLED_OUT + 1);
    expect(errors.getCell(`F${2 + PROBLEMS_SPELLED_OUT}`).value).toBe('activity 9.999 is not in the catalog');
    expect(errors.getCell(`F${3 + PROBLEMS_SPELLED_OUT}`).value).toBe(
      '... and 2 more problems, each bad cell filled red on its sheet: fix these first',
    );
  });

  it('replaces the Errors sheet when an annotated copy is annotated again', async () => {
    const again = await load(await annotateWorkbook(bytes, problems.slice(0, 1)));
    expect(again.worksheets.filter((sheet) => sheet.name === 'Errors')).toHaveLength(1);
    expect(again.getWorksheet('Errors')?.getCell('A1').value).toBe(
      '1 problem: fix them, then upload the workbook again',
    );
  });

  it('is written from the streamed cells, keeping what the submitter needs to fix it', () => {
    const progress = annotated.getWorksheet('Progress') as ExcelJS.Worksheet;
    // Dropdowns and range checks, frozen header, widths, locked catalog cells, the filter.
    expect(progress.getCell('E7').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Not Started,On Track,At Risk,Off Track,Complete"'],
    });
    expect(progress.getCell('F7').dataValidation).toMatchObject({ type: 'decimal', operator: 'between' });
    expect(progress.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(progress.getColumn(4).width).toBeGreaterThan(30);
    expect(progress.model).toMatchObject({ sheetProtection: { sheet: true, formatColumns: true } });
    expect(progress.getCell('A2').protection?.locked).not.toBe(false); // locked is Excel's default
    expect(progress.getCell('E2').protection).toMatchObject({ locked: false });
    expect(progress.autoFilter).toBeTruthy();
    expect(progress.getCell('K2').value).toEqual(new Date(Date.UTC(2026, 11, 15)));
    expect(progress.getCell('K2').numFmt).toBe('yyyy-mm-dd');
    expect(annotated.getWorksheet('Instructions')?.getCell('C2').isMerged).toBe(true);
    expect(progress.getCell('Q1').isMerged).toBe(true);
  });
});

describe('no marked-up copy', () => {
  const workbooks = new ExcelSubmissionWorkbooks();

  it('of a workbook without a Progress sheet to mark', async () => {
    const notATemplate = await editWorkbook(await filledTemplate(), (workbook) => {
      (workbook.getWorksheet('Progress') as ExcelJS.Worksheet).name = 'Data';
    });
    expect(await workbooks.annotate(notATemplate, problems, defaultLimits, 'f.xlsx')).toEqual({
      kind: 'no-copy',
      reason: NO_COPY_REASONS.noProgressSheet,
    });
  });

  it('expands no range: a merge over more cells than a workbook may hold is left out, a whole-sheet validation is clipped', async () => {
    const huge = await editPart(await filledTemplate(), 'xl/worksheets/sheet2.xml', (xml) =>
      xml
        .replace(
          '<dataValidations count="',
          '<mergeCells count="1"><mergeCell ref="A30:AX9000"/></mergeCells><dataValidations count="',
        )
        .replace(
          '</dataValidations>',
          '<dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
        ),
    );
    const copy = await workbooks.annotate(huge, problems, defaultLimits, 'f.xlsx');
    if (copy.kind !== 'copy') throw new Error(copy.reason);
    const zip = await JSZip.loadAsync(copy.bytes);
    const xml = (await zip.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
    expect(xml).not.toContain('A30:AX9000');
    expect(xml).toMatch(/<dataValidation type="list"[^>]*sqref="A1:AX23"/);
  });

  it('when the time budget runs out while making it: the answer names file.too-complex', async () => {
    let now = 0;
    const budget = workBudget(3, () => {
      now += 1_000;
      return now;
    });
    expect(
      await workbooks.annotate(await filledTemplate(), problems, defaultLimits, 'f.xlsx', budget),
    ).toEqual({
      kind: 'no-copy',
      reason: NO_COPY_REASONS.tooComplex,
      problem: {
        rule: 'file.too-complex',
        file: 'f.xlsx',
        message:
          "the workbook takes longer than 3 s to check, so it was not read to the end: save a copy holding only the template's sheets and upload that",
      },
    });
  });
});
