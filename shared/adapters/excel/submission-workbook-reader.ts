import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import type { CellValue, SheetRow, SubmittedWorkbook } from '../../domain/submission/submitted-workbook';
import { SHEETS } from '../../domain/submission/template-layout';

/**
 * Reads a submitted workbook with exceljs's streaming reader, keeping only what the rules need:
 * the Progress rows and the hidden metadata. Other sheets are skipped unread. Limits on sheets,
 * rows and columns are enforced while streaming. Formulas are never evaluated: a formula cell is
 * read as the result saved with the file, and the formula itself is dropped.
 *
 * Call it only on bytes that passed `inspectXlsxContainer`.
 */
export interface WorkbookReadResult {
  readonly workbook?: SubmittedWorkbook;
  readonly problems: readonly InputProblem[];
}

interface RawSheetModel {
  readonly id: number;
  readonly name: string;
  readonly rId: string;
  readonly state?: string;
}
interface RawRelationship {
  readonly Id: string;
  readonly Target: string;
}
/** The internals of exceljs's WorkbookReader this module relies on (exceljs 4.4). */
interface ReaderInternals {
  model?: { sheets?: RawSheetModel[] };
  _parseStyles(entry: unknown): Promise<void>;
}
interface SheetReader {
  readonly id: string | number;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

export async function readSubmissionWorkbook(
  bytes: Buffer,
  limits: SubmissionLimits,
  file: string,
  { hasStylesPart }: { hasStylesPart: boolean },
): Promise<WorkbookReadResult> {
  const problems: InputProblem[] = [];
  const add = (problem: Omit<InputProblem, 'file'>) => problems.push({ file, ...problem });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const relationships = waitForStylesBeforeSheets(internals, hasStylesPart);

  let metadata: Map<string, string> | undefined;
  let progressRows: SheetRow[] | undefined;
  let sheetCount = 0;
  let stopped = false;
  try {
    for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
      sheetCount += 1;
      if (stopped) continue;
      if (sheetCount > limits.maxSheets) {
        add({
          rule: 'workbook.too-many-sheets',
          message: `the workbook has more than ${limits.maxSheets} sheets`,
        });
        stopped = true;
        continue;
      }
      const name = sheetName(internals, relationships, sheet.id);
      if (name === SHEETS.progress && progressRows === undefined) {
        const rows = await readRows(sheet, name, limits, add);
        if (rows === undefined) stopped = true;
        else progressRows = rows;
      } else if (name === SHEETS.metadata && metadata === undefined) {
        const rows = await readRows(sheet, name, limits, add);
        if (rows === undefined) stopped = true;
        else metadata = toMetadata(rows);
      }
      // Any other sheet is skipped: exceljs drains its part without parsing it.
    }
  } catch (error) {
    add({
      rule: 'workbook.unreadable',
      message: `the workbook cannot be read (${describeError(error)}): open it in Excel or LibreOffice, save it as .xlsx and upload it again`,
    });
    return { problems };
  }
  if (problems.length > 0) return { problems };
  const sheetNames = (internals.model?.sheets ?? []).map((sheet) => sheet.name);
  if (sheetNames.length > limits.maxSheets) {
    add({
      rule: 'workbook.too-many-sheets',
      message: `the workbook has ${sheetNames.length} sheets; at most ${limits.maxSheets} are accepted`,
    });
    return { problems };
  }
  return { workbook: { sheetNames, metadata, progressRows }, problems };
}

/**
 * exceljs parses a worksheet as soon as it has seen the shared strings and the workbook's
 * relationships, and otherwise parks it in a temporary file until the end of the zip. When a file
 * lists its styles or workbook part after its sheets (some producers do), sheets parsed early lose
 * their number formats, and with them dates and percentages. Hiding the relationships until the
 * styles and the workbook part are read makes exceljs park such sheets instead.
 */
function waitForStylesBeforeSheets(internals: ReaderInternals, hasStylesPart: boolean): RelationshipsView {
  let relationships: RawRelationship[] | undefined;
  let stylesRead = !hasStylesPart;
  const parseStyles = internals._parseStyles.bind(internals);
  internals._parseStyles = async (entry: unknown) => {
    await parseStyles(entry);
    stylesRead = true;
  };
  Object.defineProperty(internals, 'workbookRels', {
    configurable: true,
    get: () => (stylesRead && internals.model !== undefined ? relationships : undefined),
    set: (value: RawRelationship[] | undefined) => {
      relationships = value;
    },
  });
  return { relationships: () => relationships ?? [] };
}

interface RelationshipsView {
  relationships(): readonly RawRelationship[];
}

/** The sheet's name from the workbook part; relationship targets may be relative or absolute. */
function sheetName(
  internals: ReaderInternals,
  view: RelationshipsView,
  sheetNumber: string | number,
): string | undefined {
  const wanted = `worksheets/sheet${sheetNumber}.xml`;
  const relationship = view.relationships().find((rel) => rel.Target.replace(/^\/?(xl\/)?/, '') === wanted);
  if (!relationship) return undefined;
  return internals.model?.sheets?.find((sheet) => sheet.rId === relationship.Id)?.name;
}

async function readRows(
  sheet: SheetReader,
  name: string,
  limits: SubmissionLimits,
  add: (problem: Omit<InputProblem, 'file'>) => void,
): Promise<SheetRow[] | undefined> {
  const rows: SheetRow[] = [];
  for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
    if (row.number > limits.maxRows) {
      add({
        rule: 'sheet.too-many-rows',
        sheet: name,
        row: row.number,
        message: `the sheet has more than ${limits.maxRows} rows`,
      });
      return undefined;
    }
    const cells = new Map<number, CellValue>();
    let tooWide: number | undefined;
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (columnNumber > limits.maxColumns) {
        tooWide = columnNumber;
        return;
      }
      const value = toCellValue(cell);
      if (value !== undefined) cells.set(columnNumber, value);
    });
    if (tooWide !== undefined) {
      add({
        rule: 'sheet.too-many-columns',
        sheet: name,
        row: row.number,
        message: `the row has a value in column ${tooWide}; at most ${limits.maxColumns} columns are read`,
      });
      return undefined;
    }
    if (cells.size > 0) rows.push({ rowNumber: row.number, cells });
  }
  return rows;
}

function toMetadata(rows: readonly SheetRow[]): Map<string, string> {
  const metadata = new Map<string, string>();
  for (const row of rows) {
    const key = row.cells.get(1);
    const value = row.cells.get(2);
    if (key?.kind === 'text' && value !== undefined)
      metadata.set(
        key.text.trim(),
        value.kind === 'text' ? value.text.trim() : String('value' in value ? value.value : ''),
      );
  }
  return metadata;
}

/** `0%`, `0.00%`, `#,##0%`; a quoted or escaped % is literal text, not a percentage. */
function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\%/g, '')
    .includes('%');
}

type RawValue = ExcelJS.CellValue | { sharedString: number };

function toCellValue(cell: ExcelJS.Cell): CellValue | undefined {
  return fromRaw(cell.value as RawValue, cell.numFmt);
}

function fromRaw(raw: RawValue | undefined, numFmt: string | undefined): CellValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string') return { kind: 'text', text: raw };
  if (typeof raw === 'number') {
    // exceljs reads a formula's cached error as NaN.
    if (!Number.isFinite(raw)) return { kind: 'error', code: '#VALUE!' };
    return { kind: 'number', value: raw, percentFormat: isPercentFormat(numFmt) };
  }
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? { kind: 'error', code: '#VALUE!' } : { kind: 'date', value: raw };
  if ('error' in raw) return { kind: 'error', code: String(raw.error) };
  if ('richText' in raw) return { kind: 'text', text: raw.richText.map((run) => run.text ?? '').join('') };
  if ('formula' in raw || 'sharedFormula' in raw) {
    const result = (raw as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: 'uncalculated-formula' };
    if (typeof result === 'object' && result !== null && 'error' in result)
      return { kind: 'error', code: String((result as { error: unknown }).error) };
    return fromRaw(result as RawValue, numFmt);
  }
  if ('sharedString' in raw) return { kind: 'error', code: '#UNREADABLE!' };
  if ('text' in raw && typeof (raw as { text: unknown }).text === 'string')
    return { kind: 'text', text: (raw as { text: string }).text };
  return { kind: 'error', code: '#UNREADABLE!' };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters from a parser message
  return message.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 120);
}
