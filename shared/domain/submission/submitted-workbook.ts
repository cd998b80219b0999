/**
 * A submitted workbook as the ingest reads it: plain values, no library types, so the rules in
 * `validate-submission.ts` stay pure and testable without a spreadsheet.
 */

/** A cell's value as stored in the file. Formulas are already replaced by their cached result. */
export type CellValue =
  | { readonly kind: 'text'; readonly text: string }
  /** `percentFormat`: the cell is formatted as a percentage, so 0.45 shows as 45%. */
  | { readonly kind: 'number'; readonly value: number; readonly percentFormat: boolean }
  /** A number formatted as a date: the reader has already turned the serial into a UTC date. */
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** An error value such as #DIV/0! or #REF!. */
  | { readonly kind: 'error'; readonly code: string }
  /** A formula with no saved result: there is no value to read, and formulas are never evaluated. */
  | { readonly kind: 'uncalculated-formula' };

export interface SheetRow {
  /** The row number a spreadsheet program shows (1-based). */
  readonly rowNumber: number;
  /** Cells by column number (1 = A); missing and blank cells are absent. */
  readonly cells: ReadonlyMap<number, CellValue>;
}

export interface SubmittedWorkbook {
  /** Every worksheet name, in workbook order. */
  readonly sheetNames: readonly string[];
  /** The hidden metadata's key/value pairs; undefined when the workbook has no metadata sheet. */
  readonly metadata: ReadonlyMap<string, string> | undefined;
  /** The Progress sheet's rows that hold any value, in order; undefined when there is no such sheet. */
  readonly progressRows: readonly SheetRow[] | undefined;
}

/** Column number (1-based) → spreadsheet letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Spreadsheet letters → column number (1-based): A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}

/** A cell's value as text, as a person would read it (used for ids, headers and metadata). */
export function cellText(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  switch (cell.kind) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.code;
    case 'uncalculated-formula':
      return '';
  }
}
