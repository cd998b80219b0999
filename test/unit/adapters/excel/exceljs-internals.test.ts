import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addRangeValidation,
  parseSharedStringsPart,
  parseStylesPart,
  parseWorkbookPart,
  worksheetRows,
} from '../../../../shared/adapters/excel/exceljs-internals';

/**
 * The contract of every exceljs internal the adapters use (shared/adapters/excel/exceljs-internals.ts).
 * When an exceljs upgrade changes one of them, a test here fails and names it: read that
 * module's comment before changing the pinned version.
 */
const require = createRequire(import.meta.url);
const packageJson = require('../../../../package.json') as { dependencies: Record<string, string> };
const installed = (require('exceljs/package.json') as { version: string }).version;

/** A workbook exceljs itself wrote, with what each internal must read back: dates, percentages, shared and rich text. */
async function knownWorkbook(): Promise<Map<string, Buffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.getCell('A1').value = 'shared text';
  sheet.getCell('B1').value = new Date(Date.UTC(2026, 9, 15));
  sheet.getCell('B1').numFmt = 'yyyy-mm-dd';
  sheet.getCell('C1').value = 0.45;
  sheet.getCell('C1').numFmt = '0%';
  sheet.getCell('A2').value = { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] };
  sheet.getCell('B2').value = { formula: '1+1', result: 2 };
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir) parts.set(name, await entry.async('nodebuffer'));
  return parts;
}

const newReader = () =>
  new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });

describe('the exceljs internals the adapters rely on', () => {
  let parts: Map<string, Buffer>;
  const stream = (name: string) => Readable.from([parts.get(name) as Buffer]);
  beforeAll(async () => {
    parts = await knownWorkbook();
  });

  it('are those of the exceljs version pinned in package.json, exactly', () => {
    expect(packageJson.dependencies.exceljs).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(packageJson.dependencies.exceljs);
  });

  it('read a worksheet part with its values resolved against the workbook, styles and shared strings', async () => {
    const reader = newReader();
    await parseWorkbookPart(reader, stream('xl/workbook.xml'));
    await parseStylesPart(reader, stream('xl/styles.xml'));
    await parseSharedStringsPart(reader, stream('xl/sharedStrings.xml'));
    const rows: ExcelJS.Row[] = [];
    for await (const row of worksheetRows(reader, stream('xl/worksheets/sheet1.xml'))) rows.push(row);
    expect(rows.map((row) => row.number)).toEqual([1, 2]);
    const [first, second] = rows as [ExcelJS.Row, ExcelJS.Row];
    expect(first.getCell(1).value).toBe('shared text');
    expect(first.getCell(2).value).toEqual(new Date(Date.UTC(2026, 9, 15)));
    expect(first.getCell(3).value).toBe(0.45);
    expect(first.getCell(3).numFmt).toBe('0%');
    expect(second.getCell(1).value).toEqual({
      richText: [{ font: null, text: 'rich ' }, expect.objectContaining({ text: 'text' })],
    });
    expect(second.getCell(2).value).toEqual({ formula: '1+1', result: 2 });
  });

  it('say which internal is gone rather than fail somewhere else', () => {
    expect(() => parseWorkbookPart({}, stream('xl/workbook.xml'))).toThrow(
      "exceljs's streaming WorkbookReader has no _parseWorkbook any more",
    );
    expect(() =>
      addRangeValidation({} as ExcelJS.Worksheet, 'A1:A2', { type: 'list', formulae: ['"a"'] }),
    ).toThrow("exceljs's Worksheet has no dataValidations.add any more");
  });

  it('write a validation added for a range as that one range', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Progress');
    sheet.getCell('E10').value = 'x';
    addRangeValidation(sheet, 'E2:E10', { type: 'list', allowBlank: true, formulae: ['"On Track,At Risk"'] });
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(xml.match(/<dataValidation [^>]*>/g)).toEqual([
      expect.stringMatching(/type="list".*sqref="E2:E10"/),
    ]);
    expect(xml).toContain('<formula1>&quot;On Track,At Risk&quot;</formula1>');
  });
});
