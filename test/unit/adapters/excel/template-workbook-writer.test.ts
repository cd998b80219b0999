import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTemplateWorkbook } from '../../../../shared/adapters/excel/template-workbook-writer';
import { parsePeriod } from '../../../../shared/domain/period';
import { buildTemplateContent } from '../../../../shared/domain/submission/template-content';
import { PROGRESS_COLUMNS } from '../../../../shared/domain/submission/template-layout';
import { catalog } from '../../../support/submitted-workbooks';
import { defaultLimits } from '../../../support/templates';

const content = buildTemplateContent({
  catalog,
  officeCode: 'OT',
  period: parsePeriod('2026-10'),
  submissionDeadlineDay: 10,
  maxTextLength: 4000,
  maxUploadBytes: defaultLimits.maxUploadBytes,
  generatedAt: new Date('2026-11-01T09:00:00Z'),
  previous: {
    period: parsePeriod('2026-09'),
    revision: 2,
    rows: [
      {
        activityId: catalog.activitiesOf('OT')[0]?.id ?? '',
        status: 'At Risk',
        percentComplete: 35,
        milestoneDue: '2026-12-01',
        risksAndIssues: '=HYPERLINK("http://evil","x")',
      },
    ],
  },
});

describe('the template workbook', () => {
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;
  let progress: ExcelJS.Worksheet;
  beforeAll(async () => {
    bytes = await writeTemplateWorkbook(content, 4000);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    progress = workbook.getWorksheet('Progress') as ExcelJS.Worksheet;
  });

  it('has the Instructions and Progress sheets and a very hidden Metadata sheet', () => {
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Instructions', 'visible'],
      ['Progress', 'visible'],
      ['Metadata', 'veryHidden'],
    ]);
    const metadata: Record<string, unknown> = {};
    workbook.getWorksheet('Metadata')?.eachRow((row, number) => {
      if (number > 1) metadata[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(metadata).toMatchObject({
      office: 'OT',
      period: '2026-10',
      templateVersion: '1',
      catalogVersion: catalog.version,
    });
  });

  it('has one row per activity under a frozen header, catalog columns locked and input columns open', () => {
    expect(progress.getRow(1).values).toEqual([
      undefined,
      ...PROGRESS_COLUMNS.map((column) => column.header),
    ]);
    expect(progress.rowCount).toBe(1 + catalog.activitiesOf('OT').length);
    expect(progress.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect((progress as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({
      sheet: true,
    });
    const row = progress.getRow(2);
    PROGRESS_COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      // A cell with no protection element is locked: that is the spreadsheet default.
      expect(cell.protection?.locked ?? true, column.header).toBe(!column.input);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb, column.header).toBe(
        column.input ? 'FFFFF2CC' : 'FFEDEDED',
      );
      expect(cell.alignment?.wrapText, column.header).toBe(true);
      expect(progress.getColumn(index + 1).width, column.header).toBe(column.width);
    });
    expect(row.height).toBeGreaterThan(15);
  });

  it('offers the statuses as a dropdown and range checks on the inputs', () => {
    const row = progress.getRow(3);
    expect(row.getCell(5).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Not Started,On Track,At Risk,Off Track,Complete"'],
      showErrorMessage: true,
    });
    expect(row.getCell(6).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    });
    expect(row.getCell(11).dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    expect(row.getCell(11).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(14).dataValidation).toMatchObject({ type: 'textLength', formulae: [254] });
  });

  it('pre-fills last period answers, and writes text that looks like a formula as text', async () => {
    const row = progress.getRow(2);
    expect(row.getCell(5).value).toBe('At Risk');
    expect(row.getCell(6).value).toBe(35);
    expect(row.getCell(11).value).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(row.getCell(13).value).toBe('=HYPERLINK("http://evil","x")');
    expect(row.getCell(13).type).toBe(ExcelJS.ValueType.String);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((file) => /^xl\/worksheets\/sheet\d+\.xml$/.test(file)))
      expect(await zip.file(name)?.async('string'), name).not.toMatch(/<f[ >]/);
  });

  it('writes each data validation once: one range per input column, none overlapping', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
    const ranges = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((match) => match[1]);
    const last = 1 + catalog.activitiesOf('OT').length;
    const inputColumns = PROGRESS_COLUMNS.map((column, index) => ({
      column,
      letter: String.fromCharCode(65 + index),
    })).filter(({ column }) => column.input);
    expect(ranges).toEqual(inputColumns.map(({ letter }) => `${letter}2:${letter}${last}`));
    expect(new Set(ranges.map((range) => range?.[0])).size).toBe(ranges.length);
  });

  it('prints one page wide: Instructions upright within the page, Progress landscape with its header row repeated', async () => {
    const zip = await JSZip.loadAsync(bytes);
    for (const [file, orientation] of [
      ['xl/worksheets/sheet1.xml', 'portrait'],
      ['xl/worksheets/sheet2.xml', 'landscape'],
    ] as const) {
      const xml = (await zip.file(file)?.async('string')) ?? '';
      expect(xml, file).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
      expect(xml, file).toMatch(
        new RegExp(`<pageSetup [^>]*orientation="${orientation}"[^>]*fitToWidth="1" fitToHeight="0"`),
      );
    }
    const instructions = workbook.getWorksheet('Instructions') as ExcelJS.Worksheet;
    // 90 characters of 11-point Calibri is about 6.5 inches: inside 7.5 inches of portrait Letter.
    expect(instructions.getColumn(1).width).toBeLessThanOrEqual(90);
    expect(progress.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('names the cells to fill in as Input cells, by column, not by colour alone', () => {
    const text: string[] = [];
    workbook.getWorksheet('Instructions')?.eachRow((row) => text.push(String(row.getCell(1).value)));
    const what = text.find((line) => line.includes('fill in the cells marked Input')) ?? '';
    for (const column of PROGRESS_COLUMNS) expect(what).toContain(column.header);
    for (const column of PROGRESS_COLUMNS)
      expect(text).toContain(
        `${column.header} (${column.input ? 'Input' : 'from the catalog, locked'}): ${column.help}`,
      );
    expect(text.filter((line) => /yellow|grey/.test(line) && !/Input|catalog/.test(line))).toEqual([]);
  });

  it('states the deadline and how to send the workbook back on the Instructions sheet, naming no bucket or key', () => {
    const text: string[] = [];
    workbook.getWorksheet('Instructions')?.eachRow((row) => text.push(String(row.getCell(1).value)));
    expect(text[0]).toBe('Office of Trade (OT): progress for October 2026');
    expect(text).toContain('Due by 2026-11-10 (day 10 of the month after the reporting month).');
    expect(text.join('\n')).toContain('Reply to the e-mail this workbook came with');
    expect(text.join('\n')).not.toMatch(/uploads\/|bucket/);
  });
});
