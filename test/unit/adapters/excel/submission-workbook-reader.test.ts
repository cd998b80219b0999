import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelSubmissionWorkbooks } from '../../../../shared/adapters/excel/excel-submission-workbooks';
import type { SubmittedWorkbook } from '../../../../shared/domain/submission/submitted-workbook';
import { NO_COPY_REASONS } from '../../../../shared/domain/submission/workbook-limits';
import type { WorkbookReading } from '../../../../shared/ports/submission-workbooks';
import { defaultLimits, filledTemplate, templateFor } from '../../../support/templates';
import { editWorkbook, setProgressCell } from '../../../support/workbooks';
import { reorderParts, toInlineStrings } from '../../../support/zip-surgery';

const workbooks = new ExcelSubmissionWorkbooks();
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/workbooks/${name}`, import.meta.url));

function read(reading: WorkbookReading): SubmittedWorkbook {
  if (reading.kind !== 'read') throw new Error(`not read: ${JSON.stringify(reading.problems)}`);
  return reading.workbook;
}
/** Row → column → value, for compact assertions. */
function cellsOf(workbook: SubmittedWorkbook, rowNumber: number) {
  const row = workbook.progressRows?.find((candidate) => candidate.rowNumber === rowNumber);
  return Object.fromEntries([...(row?.cells ?? [])].map(([column, value]) => [column, value]));
}

describe('reading a submitted workbook', () => {
  let filled: Buffer;
  beforeAll(async () => {
    filled = await filledTemplate('OFO', '2026-10');
  });

  it('reads the Progress rows and the hidden metadata of a template', async () => {
    const workbook = read(await workbooks.read(filled, defaultLimits, 'ofo.xlsx'));
    expect(workbook.sheetNames).toEqual(['Instructions', 'Progress', 'Metadata']);
    expect(workbook.metadata?.get('office')).toBe('OFO');
    expect(workbook.metadata?.get('period')).toBe('2026-10');
    expect(workbook.progressRows?.[0]?.cells.get(1)).toEqual({ kind: 'text', text: 'Activity ID' });
    expect(cellsOf(workbook, 2)).toMatchObject({
      1: { kind: 'text', text: '1.1.4' },
      5: { kind: 'text', text: 'On Track' },
      6: { kind: 'number', value: 10, percentFormat: false },
      11: { kind: 'date', value: new Date('2026-12-15T00:00:00.000Z') },
    });
  });

  it('reads a workbook LibreOffice re-saved: its shared strings, styles, percentages and dates', async () => {
    const workbook = read(
      await workbooks.read(fixture('OFO-2026-10-libreoffice-resaved.xlsx'), defaultLimits, 'lo.xlsx'),
    );
    expect(workbook.metadata?.get('office')).toBe('OFO');
    expect(cellsOf(workbook, 3)).toMatchObject({
      5: { kind: 'text', text: 'on track' },
      6: { kind: 'number', value: 0.45, percentFormat: true },
      10: { kind: 'text', text: 'milestone for 1.2.3 & <next>' },
      11: { kind: 'date', value: new Date('2027-02-02T00:00:00.000Z') },
    });
  });

  it('reads inline strings as well as shared strings', async () => {
    const inline = await toInlineStrings(filled);
    const workbook = read(await workbooks.read(inline, defaultLimits, 'inline.xlsx'));
    expect(workbook.metadata?.get('format')).toBe('strategy-report-progress');
    expect(cellsOf(workbook, 2)).toMatchObject({
      1: { kind: 'text', text: '1.1.4' },
      5: { kind: 'text', text: 'On Track' },
    });
  });

  it('keeps number formats when a file lists its styles after its sheets', async () => {
    const percent = await editWorkbook(filled, (workbook) =>
      setProgressCell(workbook, 2, 'percentComplete', 0.3, '0%'),
    );
    const reordered = await reorderParts(percent, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
      'xl/styles.xml',
    ]);
    const workbook = read(await workbooks.read(reordered, defaultLimits, 'reordered.xlsx'));
    expect(cellsOf(workbook, 2)).toMatchObject({
      6: { kind: 'number', value: 0.3, percentFormat: true },
      11: { kind: 'date', value: new Date('2026-12-15T00:00:00.000Z') },
    });
  });

  it('reads a formula as its saved result and never keeps the formula', async () => {
    const withFormulas = await editWorkbook(filled, (workbook) => {
      setProgressCell(workbook, 2, 'percentComplete', { formula: '40+5', result: 45 });
      setProgressCell(workbook, 3, 'status', { formula: 'UPPER("on track")', result: 'ON TRACK' });
      setProgressCell(workbook, 4, 'actual', { formula: 'NOW()' } as never);
      setProgressCell(workbook, 5, 'metric', {
        richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }],
      });
      setProgressCell(workbook, 6, 'target', { error: '#N/A' } as never);
    });
    const workbook = read(await workbooks.read(withFormulas, defaultLimits, 'formulas.xlsx'));
    expect(cellsOf(workbook, 2)[6]).toEqual({ kind: 'number', value: 45, percentFormat: false });
    expect(cellsOf(workbook, 3)[5]).toEqual({ kind: 'text', text: 'ON TRACK' });
    expect(cellsOf(workbook, 4)[8]).toEqual({ kind: 'uncalculated-formula' });
    expect(cellsOf(workbook, 5)[7]).toEqual({ kind: 'text', text: 'rich text' });
    expect(cellsOf(workbook, 6)[9]).toEqual({ kind: 'error', code: '#N/A' });
  });

  it('refuses more rows, columns or sheets than the limits, on any sheet, before exceljs reads a value', async () => {
    const overLimits = NO_COPY_REASONS.overLimits;
    // The Instructions sheet comes first and is bounded like the others.
    expect(await workbooks.read(filled, { ...defaultLimits, maxRows: 10 }, 'rows.xlsx')).toEqual({
      kind: 'refused',
      problems: [
        {
          rule: 'sheet.too-many-rows',
          sheet: 'Instructions',
          row: 11,
          message: 'the sheet has more than 10 rows',
          file: 'rows.xlsx',
        },
      ],
      noCopy: overLimits,
    });
    const wide = await editWorkbook(filled, (workbook) => {
      const sheet = workbook.getWorksheet('Progress');
      if (sheet) sheet.getCell('BZ7').value = 'far away';
    });
    expect(await workbooks.read(wide, defaultLimits, 'wide.xlsx')).toEqual({
      kind: 'refused',
      problems: [
        {
          rule: 'sheet.too-many-columns',
          sheet: 'Progress',
          row: 7,
          message: 'the row has a value in column 78; at most 50 columns are read',
          file: 'wide.xlsx',
        },
      ],
      noCopy: overLimits,
    });
    expect(await workbooks.read(filled, { ...defaultLimits, maxSheets: 2 }, 'sheets.xlsx')).toEqual({
      kind: 'refused',
      problems: [
        {
          rule: 'workbook.too-many-sheets',
          message: 'the workbook has 3 sheets; at most 2 are accepted',
          file: 'sheets.xlsx',
        },
      ],
      noCopy: overLimits,
    });
  });

  it('reports a workbook without a Progress sheet as such, and names every sheet', async () => {
    const renamed = await editWorkbook(await templateFor(), (workbook) => {
      const sheet = workbook.getWorksheet('Progress');
      if (sheet) sheet.name = '__proto__';
    });
    const workbook = read(await workbooks.read(renamed, defaultLimits, 'renamed.xlsx'));
    expect(workbook.progressRows).toBeUndefined();
    expect(workbook.sheetNames).toEqual(['Instructions', '__proto__', 'Metadata']);
  });

  it('does not parse what failed the safety checks', async () => {
    expect(await workbooks.read(Buffer.from('a,b\n1,2\n'), defaultLimits, 'x.xlsx')).toMatchObject({
      kind: 'refused',
      problems: [{ rule: 'file.not-xlsx' }],
      noCopy: NO_COPY_REASONS.notAWorkbook,
    });
  });
});
