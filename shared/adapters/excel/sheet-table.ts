import type { Cell, Worksheet } from 'exceljs';
import { looksLikeFormula, printableText } from '../../domain/report/report-text';
import { statusColours } from '../../domain/report/status-palette';

/** How a column's values are written and formatted. */
export type ColumnKind =
  | 'text'
  /** Long narrative: wide and wrapped. */
  | 'wrap'
  /** A status word, filled with its colour. */
  | 'status'
  | 'count'
  /** A fraction shown as a percentage (0.429 → 42.9%). */
  | 'percent'
  /** Percentage points (+3.2). */
  | 'points'
  | 'number'
  /** An ISO date (YYYY-MM-DD), written as a real date. */
  | 'date'
  /** An ISO instant, written as a real date and time (UTC). */
  | 'datetime'
  | 'yesno';

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
}

export type CellValue = string | number | boolean | null | undefined;

/** The number formats of each kind (Excel format codes). */
const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  count: '0',
  percent: '0.0%',
  points: '+0.0;-0.0;0.0',
  number: '#,##0.####',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm "UTC"',
};

/** Excel refuses cells longer than this. */
const MAX_CELL_TEXT = 32_767;
const WRAP_WIDTH = 60;
const MAX_WIDTH = 50;
const MIN_WIDTH = 6;

/** 1 → A, 27 → AA. */
function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/**
 * Writes text so no spreadsheet program will run it (line breaks are written as line feeds). exceljs writes every string as a string cell
 * (never a formula); text that starts like a formula additionally gets the Text number format
 * ('@'), which `finalizeXlsx` marks `quotePrefix` — the same marker Excel sets when a user types a
 * leading apostrophe — so editing or re-saving the cell keeps it text. The characters are unchanged.
 */
export function setTextCell(cell: Cell, value: string): void {
  // XML readers turn a raw carriage return into a line feed; writing line feeds keeps what is read back equal to what was written.
  let text = printableText(value).replace(/\r\n?/g, '\n');
  if (text.length > MAX_CELL_TEXT) text = `${text.slice(0, MAX_CELL_TEXT - 13)} [truncated]`;
  cell.value = text;
  if (looksLikeFormula(text)) cell.numFmt = '@';
}

function isoDateToDate(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

/**
 * Writes a table with its header on the first row of `firstRow`: bold header, frozen panes below it,
 * an autofilter over the whole table, widths fitted to the content, formats by column kind and
 * status colours. Returns the next free row.
 */
export function writeTable(
  sheet: Worksheet,
  columns: readonly Column[],
  rows: readonly (readonly CellValue[])[],
  options: { firstRow?: number; freeze?: boolean; freezeColumns?: number } = {},
): number {
  const headerRow = options.firstRow ?? 1;
  const header = sheet.getRow(headerRow);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    setTextCell(cell, column.header);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF5F6B7A' } } };
    cell.alignment = { vertical: 'top', wrapText: true };
  });

  const widths = columns.map((column) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, column.header.length + 2)));
  rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(headerRow + 1 + rowIndex);
    columns.forEach((column, index) => {
      const value = values[index];
      if (value === null || value === undefined || value === '') return;
      const cell = row.getCell(index + 1);
      let shown: string;
      switch (column.kind) {
        case 'date':
        case 'datetime':
          cell.value = isoDateToDate(String(value));
          shown = column.kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm UTC';
          break;
        case 'yesno':
          setTextCell(cell, value ? 'Yes' : 'No');
          shown = 'Yes';
          break;
        case 'count':
        case 'percent':
        case 'points':
        case 'number':
          cell.value = Number(value);
          shown = column.kind === 'percent' ? '100.0%' : String(value).slice(0, 12);
          break;
        default:
          setTextCell(cell, String(value));
          shown = String(value);
      }
      const format = NUMBER_FORMATS[column.kind];
      if (format) cell.numFmt = format;
      if (column.kind === 'wrap') cell.alignment = { vertical: 'top', wrapText: true };
      else cell.alignment = { vertical: 'top' };
      if (column.kind === 'status')
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(statusColours(shown).fill) } };
      const longestLine = Math.max(...shown.split(/\r?\n|\r/).map((line) => line.length));
      widths[index] = Math.max(widths[index] ?? MIN_WIDTH, Math.min(MAX_WIDTH, longestLine + 2));
    });
  });
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.kind === 'wrap' ? WRAP_WIDTH : (widths[index] ?? MIN_WIDTH);
  });

  const lastRow = headerRow + rows.length;
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(lastRow, headerRow), column: columns.length },
  };
  if (options.freeze ?? true)
    sheet.views = [
      {
        state: 'frozen',
        ySplit: headerRow,
        xSplit: options.freezeColumns ?? 0,
        activeCell: `${columnLetter((options.freezeColumns ?? 0) + 1)}${headerRow + 1}`,
      },
    ];
  return lastRow + 1;
}
