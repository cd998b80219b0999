import type { Cell, Row, Worksheet } from 'exceljs';
import { looksLikeFormula, printableText } from '../../domain/report/report-text';
import { statusColours } from '../../domain/report/status-palette';
import { fittedRowHeight } from './workbook-styles';

/** How a column's values are written and formatted. */
export type ColumnKind =
  | 'text'
  /** Long narrative: wide and wrapped. */
  | 'wrap'
  /** A status word, filled with its colour. */
  | 'status'
  | 'count'
  /** A fraction shown as a percentage (0.429 → 42.9%), stored rounded as shown (0.1 %). */
  | 'percent'
  /** Percentage points (+3.2), stored rounded as shown. */
  | 'points'
  /** A SHA-256 or similar identifier: a column wide enough for all 64 characters. */
  | 'hash'
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
const WRAP_WIDTH = 45;
/** Text longer than this wraps (a row is made tall enough for it) rather than widening its column. */
const MAX_WIDTH = 50;
const MIN_WIDTH = 6;
const HASH_WIDTH = 66;

/** What a number column stores: the value rounded to what its format shows, so a cell holds what it says. */
function storedNumber(kind: ColumnKind, value: number): number {
  if (kind === 'percent') return Math.round(value * 1000) / 1000;
  if (kind === 'points') return Math.round(value * 10) / 10;
  return value;
}

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
  // 1. The header row, styled apart from the data.
  writeHeader(sheet.getRow(headerRow), columns);
  // 2. Every value, written by its column's kind; what it shows decides widths and wrapping.
  const fit = writeBody(sheet, headerRow, columns, rows);
  // 3. Column widths, then the height of each row with wrapped text.
  const finalWidths = setColumnWidths(sheet, columns, fit.widths);
  fitWrappedRows(sheet, headerRow, rows, fit.wrapped, finalWidths);
  // 4. An autofilter over the table and panes frozen below its header.
  const lastRow = headerRow + rows.length;
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(lastRow, headerRow), column: columns.length },
  };
  if (options.freeze ?? true) freezeHeader(sheet, headerRow, options.freezeColumns ?? 0);
  return lastRow + 1;
}

function writeHeader(header: Row, columns: readonly Column[]): void {
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    setTextCell(cell, column.header);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF5F6B7A' } } };
    cell.alignment = { vertical: 'top', wrapText: true };
  });
}

/** What the body's content asks of the layout: each column's fitted width and the rows that wrap. */
interface BodyFit {
  readonly widths: number[];
  readonly wrapped: Set<number>;
}

/** Writes the data rows below the header; empty values leave their cell untouched. */
function writeBody(
  sheet: Worksheet,
  headerRow: number,
  columns: readonly Column[],
  rows: readonly (readonly CellValue[])[],
): BodyFit {
  const widths = columns.map((column) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, column.header.length + 2)));
  const wrapped = new Set<number>();
  rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(headerRow + 1 + rowIndex);
    columns.forEach((column, index) => {
      const value = values[index];
      if (value === null || value === undefined || value === '') return;
      const cell = row.getCell(index + 1);
      const shown = writeValue(cell, column.kind, value);
      const lines = shown.split(/\r?\n|\r/);
      const longestLine = Math.max(...lines.map((line) => line.length));
      const wraps = column.kind === 'wrap' || lines.length > 1 || longestLine + 2 > MAX_WIDTH;
      cell.alignment = wraps ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
      if (wraps) wrapped.add(rowIndex);
      if (column.kind === 'status')
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(statusColours(shown).fill) } };
      widths[index] = Math.max(widths[index] ?? MIN_WIDTH, Math.min(MAX_WIDTH, longestLine + 2));
    });
  });
  return { widths, wrapped };
}

/**
 * Writes one value as its kind asks (a real date, Yes/No, a number rounded as shown, or text) with
 * its number format, and returns the widest text the cell shows: what its column is fitted to.
 */
function writeValue(cell: Cell, kind: ColumnKind, value: string | number | boolean): string {
  let shown: string;
  switch (kind) {
    case 'date':
    case 'datetime':
      cell.value = isoDateToDate(String(value));
      shown = kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm UTC';
      break;
    case 'yesno':
      setTextCell(cell, value ? 'Yes' : 'No');
      shown = 'Yes';
      break;
    case 'count':
    case 'percent':
    case 'points':
    case 'number':
      cell.value = storedNumber(kind, Number(value));
      shown = kind === 'percent' ? '100.0%' : String(value).slice(0, 12);
      break;
    default:
      setTextCell(cell, String(value));
      shown = String(value);
  }
  const format = NUMBER_FORMATS[kind];
  if (format) cell.numFmt = format;
  return shown;
}

/** Narrative and hash columns have fixed widths; the others are as wide as their content (within bounds). */
function setColumnWidths(sheet: Worksheet, columns: readonly Column[], fitted: readonly number[]): number[] {
  const finalWidths = columns.map((column, index) =>
    column.kind === 'wrap' ? WRAP_WIDTH : column.kind === 'hash' ? HASH_WIDTH : (fitted[index] ?? MIN_WIDTH),
  );
  finalWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  return finalWidths;
}

/** Spreadsheet programs do not all grow a row for wrapped text: give those rows their height. */
function fitWrappedRows(
  sheet: Worksheet,
  headerRow: number,
  rows: readonly (readonly CellValue[])[],
  wrapped: ReadonlySet<number>,
  widths: readonly number[],
): void {
  for (const rowIndex of wrapped) {
    const values = rows[rowIndex] ?? [];
    sheet.getRow(headerRow + 1 + rowIndex).height = fittedRowHeight(
      widths.map((_, index) => (typeof values[index] === 'string' ? (values[index] as string) : undefined)),
      widths,
    );
  }
}

function freezeHeader(sheet: Worksheet, headerRow: number, freezeColumns: number): void {
  sheet.views = [
    {
      state: 'frozen',
      ySplit: headerRow,
      xSplit: freezeColumns,
      activeCell: `${columnLetter(freezeColumns + 1)}${headerRow + 1}`,
    },
  ];
}
