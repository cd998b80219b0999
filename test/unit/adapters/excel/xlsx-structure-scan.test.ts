import { describe, expect, it } from 'vitest';
import { generateWorkbook, mergedCells, sheetData } from '../../../../bench/ingest-hostile-workbooks';
import { withXlsxPackage } from '../../../../shared/adapters/excel/xlsx-package';
import {
  type StructureScan,
  scanWorkbookStructure,
} from '../../../../shared/adapters/excel/xlsx-structure-scan';
import type { SubmissionLimits } from '../../../../shared/config/product-config';
import {
  unlimitedBudget,
  WorkBudgetExceeded,
  workBudget,
} from '../../../../shared/domain/submission/work-budget';
import { catalog } from '../../../support/submitted-workbooks';
import { defaultLimits, templateFor } from '../../../support/templates';

const scan = (bytes: Buffer, limits: Partial<SubmissionLimits> = {}, budget = unlimitedBudget) =>
  withXlsxPackage(bytes, (pkg) => scanWorkbookStructure(pkg, { ...defaultLimits, ...limits }, budget));

const refusal = (result: StructureScan) => (result.kind === 'refused' ? result.problem : undefined);

describe('the structure scan, before exceljs sees anything', () => {
  it('holds every sheet to the row and column limits, not only Progress', async () => {
    const bytes = await generateWorkbook({
      sheets: [
        { name: 'Progress', body: sheetData({ rows: 5 }) },
        { name: 'Notes', body: sheetData({ rows: 12 }) },
      ],
    });
    expect(refusal(await scan(bytes, { maxRows: 10 }))).toEqual({
      rule: 'sheet.too-many-rows',
      sheet: 'Notes',
      row: 11,
      message: 'the sheet has more than 10 rows',
    });
    expect(refusal(await scan(bytes, { maxColumns: 1 }))).toEqual({
      rule: 'sheet.too-many-columns',
      sheet: 'Progress',
      row: 1,
      message: 'the row has a value in column 2; at most 1 columns are read',
    });
  });

  it('counts cells and merged ranges over the whole workbook, and names the sheet that went past', async () => {
    const bytes = await generateWorkbook({
      sheets: [
        { name: 'One', body: `${sheetData({ rows: 30 })}${mergedCells(6)}` },
        { name: 'Two', body: `${sheetData({ rows: 30 })}${mergedCells(6)}` },
      ],
    });
    expect(refusal(await scan(bytes, { maxCells: 100 }))).toMatchObject({
      rule: 'workbook.too-many-cells',
      sheet: 'Two',
    });
    expect(refusal(await scan(bytes, { maxMergedRanges: 10 }))).toEqual({
      rule: 'workbook.too-many-merged-ranges',
      sheet: 'Two',
      message: 'the workbook has more than 10 merged ranges (counted up to this sheet): unmerge the cells',
    });
    const passed = await scan(bytes, { maxCells: 120, maxMergedRanges: 12 });
    expect(passed.kind).toBe('scanned');
  });

  it('counts blank formatted cells, and rows and cells written without a reference', async () => {
    const bytes = await generateWorkbook({
      sheets: [
        {
          name: 'Sheet1',
          body: '<sheetData><row><c s="0"/><c><v>1</v></c></row><row><c/><c/><c><v>3</v></c></row></sheetData>',
        },
      ],
    });
    expect(refusal(await scan(bytes, { maxCells: 4 }))).toMatchObject({ rule: 'workbook.too-many-cells' });
    expect(refusal(await scan(bytes, { maxColumns: 2 }))).toMatchObject({
      rule: 'sheet.too-many-columns',
      row: 2,
      message: 'the row has a value in column 3; at most 2 columns are read',
    });
    expect(refusal(await scan(bytes, { maxRows: 1 }))).toMatchObject({ rule: 'sheet.too-many-rows', row: 2 });
  });

  it('counts shared strings and every list of the styles part', async () => {
    const strings = await generateWorkbook({
      sheets: [{ name: 'Sheet1', body: sheetData({ rows: 1 }) }],
      sharedStrings: ['a', 'b', 'c'],
    });
    expect(refusal(await scan(strings, { maxSharedStrings: 2 }))).toEqual({
      rule: 'workbook.too-many-shared-strings',
      message: "the workbook's table of texts has more than 2 entries",
    });
    expect((await scan(strings, { maxSharedStrings: 3 })).kind).toBe('scanned');
    const styles = await generateWorkbook({
      sheets: [{ name: 'Sheet1', body: sheetData({ rows: 1 }) }],
      styles:
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts><font/><font/></fonts><cellXfs><xf/><xf/><xf/></cellXfs></styleSheet>',
    });
    expect(refusal(await scan(styles, { maxStyles: 2 }))).toMatchObject({
      rule: 'workbook.too-many-styles',
      message: expect.stringMatching(/^the workbook defines more than 2 cell formats:/),
    });
  });

  it('refuses XML nested deeper than the limit, or an element with hundreds of attributes', async () => {
    const nested = `${'<x>'.repeat(40)}${'</x>'.repeat(40)}`;
    const deep = await generateWorkbook({
      sheets: [{ name: 'Sheet1', body: `<sheetData><row r="1"><c r="A1">${nested}</c></row></sheetData>` }],
    });
    expect(refusal(await scan(deep, { maxXmlDepth: 32 }))).toEqual({
      rule: 'xml.too-deep',
      message:
        'the part xl/worksheets/sheet1.xml nests elements more than 32 deep, which no spreadsheet program writes',
    });
    expect((await scan(deep, { maxXmlDepth: 64 })).kind).toBe('scanned');
    const attributes = Array.from({ length: 300 }, (_, index) => `a${index}="1"`).join(' ');
    const wide = await generateWorkbook({
      sheets: [{ name: 'Sheet1', body: `<sheetData><row r="1" ${attributes}/></sheetData>` }],
    });
    expect(refusal(await scan(wide))).toMatchObject({ rule: 'xml.too-many-attributes' });
  });

  it('counts the sheets without keeping more than the limit, and says how many there are', async () => {
    const bytes = await generateWorkbook({
      sheets: Array.from({ length: 5 }, (_, index) => ({ name: `S${index}`, body: sheetData({ rows: 1 }) })),
    });
    expect(refusal(await scan(bytes, { maxSheets: 3 }))).toEqual({
      rule: 'workbook.too-many-sheets',
      message: 'the workbook has 5 sheets; at most 3 are accepted',
    });
  });

  it('stops when the time budget is spent', async () => {
    const bytes = await generateWorkbook({ sheets: [{ name: 'Sheet1', body: sheetData({ rows: 2_000 }) }] });
    let now = 0;
    const budget = workBudget(5, () => {
      now += 1_000;
      return now;
    });
    await expect(scan(bytes, {}, budget)).rejects.toBeInstanceOf(WorkBudgetExceeded);
  });

  it('keeps what the marked-up copy needs: sheet states, widths, pane, validations, protection, filter', async () => {
    const result = await scan(await templateFor());
    if (result.kind !== 'scanned') throw new Error(JSON.stringify(result));
    const { structure } = result;
    expect(structure.sheetNames).toEqual(['Instructions', 'Progress', 'Metadata']);
    expect(structure.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Instructions', 'visible'],
      ['Progress', 'visible'],
      ['Metadata', 'veryHidden'],
    ]);
    const progress = structure.worksheets[1]?.layout;
    expect(progress?.pane).toMatchObject({ xSplit: '1', ySplit: '1', state: 'frozen' });
    expect(progress?.columns[0]).toMatchObject({ min: 1, max: 1, hidden: false, width: expect.any(Number) });
    expect(progress?.protection).toMatchObject({ sheet: '1' });
    // Fourteen columns, a header and one row per key activity OFO reports on.
    expect(progress?.autoFilter).toBe(`A1:N${catalog.activitiesOf('OFO').length + 1}`);
    expect(progress?.validations.find((validation) => validation.attributes.type === 'list')).toEqual({
      attributes: expect.objectContaining({ sqref: expect.stringMatching(/^E\d+:E\d+$/) }),
      formulae: ['"Not Started,On Track,At Risk,Off Track,Complete"'],
    });
  });
});
