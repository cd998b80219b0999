import type ExcelJS from 'exceljs';
import { setTextCell } from './sheet-table';
import { fittedRowHeight } from './workbook-styles';

/** A labelled fact written above a sheet's table: what the figures are and where they come from. */
export type Fact = readonly [label: string, value: string];

/**
 * Writes one fact per row from the first row: the label in bold in column A, the value in
 * `valueColumn`, wrapped. Returns the row where the table below may start (one row left blank).
 * The value column is a table column too, so its text wraps at about 50 characters.
 */
export function writeFacts(sheet: ExcelJS.Worksheet, facts: readonly Fact[], valueColumn: number): number {
  facts.forEach(([label, value], index) => {
    const row = sheet.getRow(index + 1);
    setTextCell(row.getCell(1), label);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    setTextCell(row.getCell(valueColumn), value);
    row.getCell(valueColumn).alignment = { vertical: 'top', wrapText: true };
    row.height = fittedRowHeight([value], [50]);
  });
  return facts.length + 2;
}

/**
 * Widens column A, once the table below has fitted it to its own content, so that no label is
 * cut: a label runs on into column B only when B is empty on its row, and here it is not.
 */
export function fitFactLabels(sheet: ExcelJS.Worksheet, facts: readonly Fact[]): void {
  const column = sheet.getColumn(1);
  const longest = Math.max(...facts.map(([label]) => label.length));
  column.width = Math.max(column.width ?? 0, longest + 2);
}
