import ExcelJS from 'exceljs';
import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import { columnLetter, columnNumber } from '../../domain/submission/submitted-workbook';
import { normalizeHeader, SHEETS } from '../../domain/submission/template-layout';
import type { WorkBudget } from '../../domain/submission/work-budget';
import { addRangeValidation } from './exceljs-internals';
import type { SheetRowReader, StreamingPartParsers } from './exceljs-streaming-parts';
import { openParts } from './submission-workbook-reader';
import { COLOURS, solidFill } from './workbook-styles';
import type { XlsxPackage } from './xlsx-package';
import type { SheetLayout, WorkbookStructure, WorksheetStructure } from './xlsx-structure-scan';

/**
 * The submitter's own workbook handed back with every problem marked: each bad cell filled red
 * with a note naming the rule, and an Errors sheet listing the problems, opened first (both
 * spelled out for the first PROBLEMS_SPELLED_OUT problems).
 *
 * The copy is written from the streamed cells, never from a full load of the original (whose
 * merged ranges exceljs handles in quadratic time and whose validations and names it expands
 * cell by cell). Each worksheet is re-read with the same streaming parser as the ingest: every
 * value (formulas replaced by their saved results, so the copy holds no formula) and every cell's
 * formatting, and from the structure scan its column widths, merged ranges, frozen panes, sheet
 * protection (without its password), filter range and data validations whose rule is a plain
 * list or number. Left out: pictures, charts, comments, conditional formats, defined names,
 * print settings, and validations that hold a formula.
 *
 * Call it only with the structure `scanWorkbookStructure` found within the limits.
 */
export async function annotateWorkbook(
  pkg: XlsxPackage,
  structure: WorkbookStructure,
  parsers: StreamingPartParsers,
  problems: readonly InputProblem[],
  limits: SubmissionLimits,
  budget: WorkBudget,
): Promise<Buffer> {
  const workbook = await copySheets(pkg, structure, parsers, limits, budget);
  const progress = workbook.getWorksheet(SHEETS.progress);
  if (progress) markCells(progress, problems);
  writeErrorsSheet(workbook, problems);
  budget.check();
  // The fastest deflate level: the copy goes back by e-mail once, and zlib's default level in
  // JSZip's JavaScript deflate costs seconds on a large copy.
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } }));
  budget.check();
  return bytes;
}

/**
 * Every worksheet but an old Errors sheet (a copy annotated before and sent again), cells then
 * layout. The reader and its tables (shared strings, styles) are let go before the copy is written.
 */
async function copySheets(
  pkg: XlsxPackage,
  structure: WorkbookStructure,
  parsers: StreamingPartParsers,
  limits: SubmissionLimits,
  budget: WorkBudget,
): Promise<ExcelJS.Workbook> {
  const reader = await openParts(pkg, structure, parsers, budget);
  const workbook = new ExcelJS.Workbook();
  for (const sheet of structure.worksheets) {
    if (sheet.name === SHEETS.errors) continue;
    const target = workbook.addWorksheet(sheet.name, { state: sheet.state, views: viewsOf(sheet.layout) });
    await copyCells(pkg, reader, sheet, target, limits, budget);
    await copyLayout(target, sheet.layout, limits);
  }
  return workbook;
}

/** Values and formatting of every cell within the column limit, row by row as they stream. */
async function copyCells(
  pkg: XlsxPackage,
  reader: SheetRowReader,
  sheet: WorksheetStructure,
  target: ExcelJS.Worksheet,
  limits: SubmissionLimits,
  budget: WorkBudget,
): Promise<void> {
  const stream = await pkg.open(sheet.path);
  if (!stream) throw new Error(`the part ${sheet.path} is missing`);
  try {
    for await (const row of reader.rows(stream)) {
      budget.check();
      const copy = target.getRow(row.number);
      if (row.height) copy.height = row.height;
      const last = Math.min(row.cellCount, limits.maxColumns);
      for (let column = 1; column <= last; column++) {
        const cell = row.findCell(column);
        if (!cell) continue;
        const value = savedValue(cell.value);
        const styled = Object.keys(cell.style ?? {}).length > 0;
        if (value === null && !styled) continue;
        const out = copy.getCell(column);
        if (styled) out.style = cell.style;
        if (value !== null) out.value = value;
      }
    }
  } finally {
    stream.destroy();
  }
}

/** A cell's value as it is shown: a formula becomes its saved result, never a formula. */
function savedValue(value: ExcelJS.CellValue | { sharedString: number } | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { error: '#VALUE!' };
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date) && !('error' in result)) return null;
    return savedValue(result as ExcelJS.CellValue);
  }
  if ('error' in value) return { error: value.error };
  if ('richText' in value) return { richText: value.richText };
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

function viewsOf(layout: SheetLayout): Partial<ExcelJS.WorksheetView>[] {
  const view: Partial<ExcelJS.WorksheetView> & Record<string, unknown> = {};
  if (layout.view?.showGridLines === '0' || layout.view?.showGridLines === 'false')
    view.showGridLines = false;
  if (layout.view?.rightToLeft === '1' || layout.view?.rightToLeft === 'true') view.rightToLeft = true;
  const zoom = Number(layout.view?.zoomScale);
  if (Number.isInteger(zoom) && zoom >= 10 && zoom <= 400) view.zoomScale = zoom;
  const pane = layout.pane;
  if (pane && (pane.state === 'frozen' || pane.state === 'frozenSplit')) {
    const xSplit = Number(pane.xSplit ?? 0);
    const ySplit = Number(pane.ySplit ?? 0);
    if (Number.isInteger(xSplit) && Number.isInteger(ySplit) && xSplit >= 0 && ySplit >= 0)
      Object.assign(view, {
        state: 'frozen',
        xSplit,
        ySplit,
        ...(pane.topLeftCell && CELL.test(pane.topLeftCell) ? { topLeftCell: pane.topLeftCell } : {}),
      });
  }
  return Object.keys(view).length > 0 ? [view] : [];
}

const CELL = /^\$?[A-Z]{1,3}\$?\d{1,7}$/;
const RANGE = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

interface Bounds {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function boundsOf(reference: string): Bounds | undefined {
  const match = RANGE.exec(reference.toUpperCase());
  if (!match) return undefined;
  const left = columnNumber(match[1] as string);
  const top = Number(match[2]);
  const right = match[3] ? columnNumber(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/**
 * Column widths, merged ranges, protection, the filter and data validations, each kept inside
 * the sheet's limits (exceljs creates every cell a merge covers).
 */
async function copyLayout(
  target: ExcelJS.Worksheet,
  layout: SheetLayout,
  limits: SubmissionLimits,
): Promise<void> {
  for (const definition of layout.columns)
    for (let number = definition.min; number <= definition.max; number++) {
      const column = target.getColumn(number);
      if (definition.width !== undefined) column.width = definition.width;
      if (definition.hidden) column.hidden = true;
    }
  const within = (bounds: Bounds) => bounds.right <= limits.maxColumns && bounds.bottom <= limits.maxRows;
  let covered = 0;
  for (const reference of layout.merges) {
    const bounds = boundsOf(reference);
    if (!bounds || !within(bounds) || (bounds.top === bounds.bottom && bounds.left === bounds.right))
      continue;
    // exceljs creates every cell a merge covers: merges covering more cells than a workbook may hold are left out.
    const area = (bounds.bottom - bounds.top + 1) * (bounds.right - bounds.left + 1);
    if (covered + area > limits.maxCells) continue;
    covered += area;
    try {
      target.mergeCells(bounds.top, bounds.left, bounds.bottom, bounds.right);
    } catch {
      // Overlapping merges: Excel would not have written them; the first one stays.
    }
  }
  copyValidations(target, layout, limits);
  if (layout.autoFilter && RANGE.test(layout.autoFilter.toUpperCase())) target.autoFilter = layout.autoFilter;
  if (layout.protection?.sheet === '1' || layout.protection?.sheet === 'true')
    await target.protect('', protectionOptions(layout.protection));
}

/** Most validation ranges a copied sheet keeps (a template has a dozen). */
const VALIDATION_RANGES = 10_000;

/** Validations whose rule is a plain list or plain numbers, on the rows and columns the sheet has. */
function copyValidations(target: ExcelJS.Worksheet, layout: SheetLayout, limits: SubmissionLimits): void {
  const lastRow = target.rowCount;
  let ranges = 0;
  for (const { attributes, formulae } of layout.validations) {
    const validation = plainValidation(attributes, formulae);
    if (!validation) continue;
    for (const reference of (attributes.sqref ?? '').split(/\s+/)) {
      // exceljs sorts and compares the ranges when it writes them: keep their number small.
      if (++ranges > VALIDATION_RANGES) return;
      const bounds = boundsOf(reference);
      if (!bounds || bounds.top > lastRow || bounds.left > limits.maxColumns) continue;
      const clipped = {
        ...bounds,
        bottom: Math.min(bounds.bottom, lastRow),
        right: Math.min(bounds.right, limits.maxColumns),
      };
      addRangeValidation(target, rangeText(clipped), validation);
    }
  }
}

function rangeText(bounds: Bounds): string {
  const from = `${columnLetter(bounds.left)}${bounds.top}`;
  const to = `${columnLetter(bounds.right)}${bounds.bottom}`;
  return from === to ? from : `${from}:${to}`;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const LITERAL_LIST = /^"[^"]*"$/;
const VALIDATION_TYPES = new Set(['list', 'whole', 'decimal', 'date', 'time', 'textLength']);
const OPERATORS = new Set([
  'between',
  'notBetween',
  'equal',
  'notEqual',
  'greaterThan',
  'lessThan',
  'greaterThanOrEqual',
  'lessThanOrEqual',
]);

function plainValidation(
  attributes: Readonly<Record<string, string>>,
  formulae: readonly string[],
): ExcelJS.DataValidation | undefined {
  const type = attributes.type ?? '';
  if (!VALIDATION_TYPES.has(type) || formulae.length === 0) return undefined;
  const plain =
    type === 'list'
      ? formulae.every((formula) => LITERAL_LIST.test(formula))
      : formulae.every((formula) => NUMBER.test(formula));
  if (!plain) return undefined;
  const flag = (name: string) => attributes[name] === '1' || attributes[name] === 'true';
  const text = (name: string) => (attributes[name] !== undefined ? { [name]: attributes[name] } : {});
  const operator = attributes.operator ?? 'between';
  return {
    type: type as ExcelJS.DataValidation['type'],
    ...(type !== 'list'
      ? { operator: (OPERATORS.has(operator) ? operator : 'between') as ExcelJS.DataValidationOperator }
      : {}),
    allowBlank: flag('allowBlank'),
    showInputMessage: flag('showInputMessage'),
    showErrorMessage: flag('showErrorMessage'),
    ...(attributes.errorStyle === 'warning' || attributes.errorStyle === 'information'
      ? { errorStyle: attributes.errorStyle }
      : { errorStyle: 'stop' }),
    ...text('errorTitle'),
    ...text('error'),
    ...text('promptTitle'),
    ...text('prompt'),
    formulae: [...formulae],
  } as ExcelJS.DataValidation;
}

/** exceljs's protection options from the file's sheetProtection attributes (OOXML: "0" allows an action). */
function protectionOptions(
  attributes: Readonly<Record<string, string>>,
): Partial<ExcelJS.WorksheetProtection> {
  const options: Record<string, boolean> = {};
  for (const name of [
    'formatCells',
    'formatColumns',
    'formatRows',
    'insertColumns',
    'insertRows',
    'insertHyperlinks',
    'deleteColumns',
    'deleteRows',
    'sort',
    'autoFilter',
    'pivotTables',
  ])
    if (attributes[name] === '0') options[name] = true;
  for (const name of ['selectLockedCells', 'selectUnlockedCells', 'objects', 'scenarios'])
    options[name] = attributes[name] !== '1';
  return options as Partial<ExcelJS.WorksheetProtection>;
}

/**
 * How many problems the copy spells out: notes on this many cells and this many rows of the
 * Errors sheet. Past it every bad cell is still filled red, and the Errors sheet says how many
 * more there are. Each note costs exceljs a comment and a drawing shape, each listed problem six
 * cells: a workbook at the limits can have 30,000 problems, and listing them all took the copy
 * past 10 s and 512 MB.
 */
export const PROBLEMS_SPELLED_OUT = 1_000;

function markCells(sheet: ExcelJS.Worksheet, problems: readonly InputProblem[]): void {
  const columns = headerColumns(sheet);
  const notes = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.sheet !== SHEETS.progress || problem.row === undefined) continue;
    const column = problem.column ? columns.get(normalizeHeader(problem.column)) : undefined;
    const address = sheet.getCell(problem.row, column ?? 1).address;
    const list = notes.get(address) ?? [];
    list.push(`${problem.message} [${problem.rule}]`);
    notes.set(address, list);
  }
  let noted = 0;
  for (const [address, messages] of notes) {
    const cell = sheet.getCell(address);
    // exceljs shares one style object among cells loaded with the same style: give this cell its own.
    cell.style = {
      ...cell.style,
      fill: solidFill(COLOURS.errorFill),
      font: { ...(cell.style.font ?? {}), color: { argb: COLOURS.errorText } },
    };
    if (noted++ < PROBLEMS_SPELLED_OUT) cell.note = messages.join('\n');
  }
}

/** Header text → column number, from the first row that has any value. */
function headerColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  let headerFound = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (headerFound) return;
    headerFound = true;
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // A merged cell other than the range's first: its text is its master's (exceljs throws on an empty one).
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const name = normalizeHeader(String(cell.text ?? ''));
      if (!columns.has(name)) columns.set(name, columnNumber);
    });
  });
  return columns;
}

function writeErrorsSheet(workbook: ExcelJS.Workbook, problems: readonly InputProblem[]): void {
  const sheet = workbook.addWorksheet(SHEETS.errors, {
    properties: { tabColor: { argb: COLOURS.errorText } },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = [
    { key: 'number', width: 5 },
    { key: 'sheet', width: 12 },
    { key: 'row', width: 7 },
    { key: 'column', width: 20 },
    { key: 'rule', width: 28 },
    { key: 'message', width: 90 },
  ];
  const title = sheet.addRow([
    `${problems.length} problem${problems.length === 1 ? '' : 's'}: fix them, then upload the workbook again`,
  ]);
  title.getCell(1).font = { bold: true, size: 13, color: { argb: COLOURS.errorText } };
  const header = sheet.addRow(['#', 'Sheet', 'Row', 'Column', 'Rule', 'Problem']);
  header.font = { bold: true };
  problems.slice(0, PROBLEMS_SPELLED_OUT).forEach((problem, index) => {
    const row = sheet.addRow([
      index + 1,
      problem.sheet ?? null,
      problem.row ?? null,
      problem.column ?? null,
      problem.rule,
      problem.message,
    ]);
    row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
  });
  const more = problems.length - PROBLEMS_SPELLED_OUT;
  if (more > 0)
    sheet.addRow([
      null,
      null,
      null,
      null,
      null,
      `... and ${more} more problem${more === 1 ? '' : 's'}, each bad cell filled red on its sheet: fix these first`,
    ]).font = { italic: true };
  // Open on the Errors sheet: it is what the submitter needs first.
  const position = workbook.worksheets.indexOf(sheet);
  workbook.views = [
    { activeTab: position, firstSheet: 0, x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' },
  ];
}
