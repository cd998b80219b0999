import type ExcelJS from 'exceljs';
import type { InputProblem } from '../../domain/errors';
import type { CellValue, SheetRow } from '../../domain/submission/submitted-workbook';
import { SHEETS } from '../../domain/submission/template-layout';
import { type WorkBudget, WorkBudgetExceeded } from '../../domain/submission/work-budget';
import { NO_COPY_REASONS, structureProblems } from '../../domain/submission/workbook-limits';
import type { WorkbookReading } from '../../ports/submission-workbooks';
import type { SheetRowReader, StreamingPartParsers } from './exceljs-streaming-parts';
import type { XlsxPackage } from './xlsx-package';
import type { WorkbookStructure, WorksheetStructure } from './xlsx-structure-scan';

/**
 * Reads the values of a submitted workbook with exceljs's streaming part parsers, keeping only
 * what the rules need: the Progress rows and the hidden metadata. Formulas are never evaluated:
 * a formula cell is read as the result saved with the file, and the formula itself is dropped.
 *
 * Call it only with the structure `scanWorkbookStructure` found within the limits: the sheets,
 * rows, columns and tables exceljs is given here are already bounded. A workbook with neither a
 * Metadata nor a Progress sheet is answered from that structure alone; exceljs never sees it.
 */
export async function readSubmissionWorkbook(
  pkg: XlsxPackage,
  structure: WorkbookStructure,
  parsers: StreamingPartParsers,
  file: string,
  budget: WorkBudget,
): Promise<WorkbookReading> {
  const sheetOf = (name: string) => structure.worksheets.find((sheet) => sheet.name === name);
  const metadataSheet = sheetOf(SHEETS.metadata);
  const progressSheet = sheetOf(SHEETS.progress);
  if (!metadataSheet && !progressSheet)
    return {
      kind: 'read',
      workbook: { sheetNames: structure.sheetNames, metadata: undefined, progressRows: undefined },
    };
  try {
    const reader = await openParts(pkg, structure, parsers, budget);
    const metadataRows = metadataSheet ? await readRows(pkg, reader, metadataSheet, budget) : undefined;
    const progressRows = progressSheet ? await readRows(pkg, reader, progressSheet, budget) : undefined;
    return {
      kind: 'read',
      workbook: {
        sheetNames: structure.sheetNames,
        metadata: metadataRows ? toMetadata(metadataRows) : undefined,
        progressRows,
      },
    };
  } catch (error) {
    if (error instanceof WorkBudgetExceeded) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const problem: InputProblem = { ...structureProblems.unreadable(reason), file };
    return { kind: 'unreadable', problems: [problem], noCopy: NO_COPY_REASONS.unreadable };
  }
}

/** Hands exceljs the workbook, styles and shared-strings parts the scan found. */
export async function openParts(
  pkg: XlsxPackage,
  structure: WorkbookStructure,
  parsers: StreamingPartParsers,
  budget: WorkBudget,
): Promise<SheetRowReader> {
  const open = async (name: string | undefined) => {
    const stream = name ? await pkg.open(name) : undefined;
    if (name && !stream) throw new Error(`the part ${name} is missing`);
    return stream;
  };
  const workbook = await open(structure.parts.workbook);
  const styles = await open(structure.parts.styles);
  const sharedStrings = await open(structure.parts.sharedStrings);
  return parsers.open(
    {
      workbook: workbook as NonNullable<typeof workbook>,
      ...(styles ? { styles } : {}),
      ...(sharedStrings ? { sharedStrings } : {}),
    },
    () => budget.check(),
  );
}

/** The rows of one sheet that hold any value, each cell converted to a plain value. */
async function readRows(
  pkg: XlsxPackage,
  reader: SheetRowReader,
  sheet: WorksheetStructure,
  budget: WorkBudget,
): Promise<SheetRow[]> {
  const stream = await pkg.open(sheet.path);
  if (!stream) throw new Error(`the part ${sheet.path} is missing`);
  const rows: SheetRow[] = [];
  try {
    for await (const row of reader.rows(stream)) {
      budget.check();
      const cells = new Map<number, CellValue>();
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const value = toCellValue(cell);
        if (value !== undefined) cells.set(columnNumber, value);
      });
      if (cells.size > 0) rows.push({ rowNumber: row.number, cells });
    }
  } finally {
    stream.destroy();
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
