import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import type { CellValue, SheetRow, SubmittedWorkbook } from '../../domain/submission/submitted-workbook';
import { SHEETS } from '../../domain/submission/template-layout';

/**
 * Reads a submitted workbook with exceljs's streaming parsers, keeping only what the rules need:
 * the Progress rows and the hidden metadata. Limits on sheets, rows and columns are enforced
 * while streaming. Formulas are never evaluated: a formula cell is read as the result saved with
 * the file, and the formula itself is dropped.
 *
 * The zip is read with yauzl, the same reader (and so the same view of the file) the safety
 * checks used, and its parts are handed to exceljs in the order its parsers need: relationships,
 * workbook, styles, shared strings, then only the two sheets that matter. exceljs's own zip loop
 * is not used: it parks sheets in temporary files when a file lists them before its shared
 * strings (Excel and exceljs do), and then loses entries of workbooks with many sheets.
 *
 * Call it only on bytes that passed `inspectXlsxContainer`.
 */
export interface WorkbookReadResult {
  readonly workbook?: SubmittedWorkbook;
  readonly problems: readonly InputProblem[];
}

interface RawSheetModel {
  readonly name: string;
  readonly rId: string;
}
interface RawRelationship {
  readonly Id: string;
  readonly Target: string;
}
/** The part parsers of exceljs's streaming WorkbookReader this module drives (exceljs 4.4). */
interface ReaderInternals {
  model?: { sheets?: RawSheetModel[] };
  workbookRels?: RawRelationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: Readable,
    sheetNumber: string,
  ): Generator<{ eventType: string; value: SheetReader }>;
}
interface SheetReader {
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

const PARTS = {
  relationships: 'xl/_rels/workbook.xml.rels',
  workbook: 'xl/workbook.xml',
  styles: 'xl/styles.xml',
  sharedStrings: 'xl/sharedStrings.xml',
} as const;

export async function readSubmissionWorkbook(
  bytes: Buffer,
  limits: SubmissionLimits,
  file: string,
): Promise<WorkbookReadResult> {
  const problems: InputProblem[] = [];
  const add = (problem: Omit<InputProblem, 'file'>) => problems.push({ file, ...problem });
  const unreadable = (reason: string): WorkbookReadResult => {
    add({
      rule: 'workbook.unreadable',
      message: `the workbook cannot be read (${reason}): open it in Excel or LibreOffice, save it as .xlsx and upload it again`,
    });
    return { problems };
  };

  let zip: ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const open = (name: string) => {
      const entry = entries.get(name);
      return entry && zip ? zip.openReadStreamPromise(entry) : undefined;
    };

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const internals = reader as unknown as ReaderInternals;
    const relationships = await open(PARTS.relationships);
    const workbookPart = await open(PARTS.workbook);
    if (!relationships || !workbookPart) return unreadable('it has no workbook part or relationships');
    await internals._parseRels(relationships);
    await internals._parseWorkbook(workbookPart);
    const styles = await open(PARTS.styles);
    if (styles) await internals._parseStyles(styles);
    const sharedStrings = await open(PARTS.sharedStrings);
    if (sharedStrings) for await (const _ of internals._parseSharedStrings(sharedStrings));

    const sheetNames = (internals.model?.sheets ?? []).map((sheet) => sheet.name);
    if (sheetNames.length > limits.maxSheets) {
      add({
        rule: 'workbook.too-many-sheets',
        message: `the workbook has ${sheetNames.length} sheets; at most ${limits.maxSheets} are accepted`,
      });
      return { problems };
    }
    const readSheet = async (name: string): Promise<SheetRow[] | undefined | 'absent'> => {
      const path = sheetPath(internals, name);
      const stream = path ? await open(path) : undefined;
      if (!path || !stream) return 'absent';
      const sheet = first(internals._parseWorksheet(stream, path.replace(/\D+/g, '')));
      return sheet ? readRows(sheet, name, limits, add) : 'absent';
    };
    const metadataRows = await readSheet(SHEETS.metadata);
    if (metadataRows === undefined) return { problems };
    const progressRows = await readSheet(SHEETS.progress);
    if (progressRows === undefined) return { problems };
    return {
      workbook: {
        sheetNames,
        metadata: metadataRows === 'absent' ? undefined : toMetadata(metadataRows),
        progressRows: progressRows === 'absent' ? undefined : progressRows,
      },
      problems,
    };
  } catch (error) {
    return unreadable(describeError(error));
  } finally {
    zip?.close();
  }
}

function first<T>(generator: Generator<{ eventType: string; value: T }>): T | undefined {
  for (const item of generator) if (item.eventType === 'worksheet') return item.value;
  return undefined;
}

/** The zip path of the sheet with this name; relationship targets are relative to xl/ or absolute. */
function sheetPath(internals: ReaderInternals, name: string): string | undefined {
  const sheet = internals.model?.sheets?.find((candidate) => candidate.name === name);
  const target = internals.workbookRels?.find((rel) => rel.Id === sheet?.rId)?.Target;
  if (!sheet || !target) return undefined;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return /^xl\/worksheets\/[A-Za-z0-9_]+\.xml$/.test(path) ? path : undefined;
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
