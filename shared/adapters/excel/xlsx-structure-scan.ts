import type { SubmissionLimits } from '../../config/product-config';
import { columnNumber } from '../../domain/submission/submitted-workbook';
import type { WorkBudget } from '../../domain/submission/work-budget';
import { type StructureProblem, structureProblems } from '../../domain/submission/workbook-limits';
import type { XlsxPackage } from './xlsx-package';
import { localName, StructureStop, streamXmlPart } from './xml-part-events';

/**
 * The structure of a workbook, streamed before exceljs sees any of it: the sheet list, then the
 * styles and shared-strings tables (counted, not kept), then every worksheet (rows, columns,
 * cells, merged ranges), stopping at the first limit crossed. Every limit applies to every sheet,
 * and cells and merged ranges are counted over the whole workbook. A workbook that passes is
 * bounded in every way the readers and the marked-up copy depend on.
 *
 * Alongside the counts it keeps what the marked-up copy needs and exceljs's streaming reader does
 * not give (column widths, merged ranges, frozen panes, data validations, protection), each list
 * capped so a hostile sheet cannot make it large.
 */
export interface WorkbookStructure {
  /** Every sheet's name (worksheets, chart sheets...), in workbook order. */
  readonly sheetNames: readonly string[];
  /** The worksheets that can be read, in workbook order. */
  readonly worksheets: readonly WorksheetStructure[];
  readonly parts: { readonly workbook: string; readonly styles?: string; readonly sharedStrings?: string };
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface WorksheetStructure {
  readonly name: string;
  readonly path: string;
  readonly state: SheetState;
  readonly layout: SheetLayout;
}

export interface SheetLayout {
  readonly columns: readonly ColumnLayout[];
  readonly merges: readonly string[];
  readonly validations: readonly ValidationLayout[];
  readonly view?: Readonly<Record<string, string>>;
  readonly pane?: Readonly<Record<string, string>>;
  readonly protection?: Readonly<Record<string, string>>;
  readonly autoFilter?: string;
}

export interface ColumnLayout {
  readonly min: number;
  readonly max: number;
  readonly width?: number;
  readonly hidden: boolean;
}

export interface ValidationLayout {
  readonly attributes: Readonly<Record<string, string>>;
  readonly formulae: readonly string[];
}

export type StructureScan =
  | { readonly kind: 'scanned'; readonly structure: WorkbookStructure }
  | { readonly kind: 'refused'; readonly problem: StructureProblem };

/** Most entries of each layout list kept per sheet; the rest are left out of the marked-up copy. */
const LAYOUT_CAP = 1_000;
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const RELATIONSHIP_TYPE = /\/(worksheet|styles|sharedStrings)$/;
const WORKSHEET_PATH = /^xl\/worksheets\/[A-Za-z0-9_]+\.xml$/;
/** The styles lists, by element name, as the problem names them. */
const STYLE_LISTS: Readonly<Record<string, string>> = {
  numFmts: 'number formats',
  fonts: 'fonts',
  fills: 'fills',
  borders: 'borders',
  cellStyleXfs: 'cell style formats',
  cellXfs: 'cell formats',
  cellStyles: 'cell styles',
  dxfs: 'conditional formats',
};

/**
 * Scans the workbook's structure within the limits. Throws `WorkBudgetExceeded` past the budget
 * and an Error when a part is not well-formed XML.
 */
export async function scanWorkbookStructure(
  pkg: XlsxPackage,
  limits: SubmissionLimits,
  budget: WorkBudget,
): Promise<StructureScan> {
  const settings = { maxDepth: limits.maxXmlDepth, budget };
  const stream = async (part: string, handlers: Parameters<typeof streamXmlPart>[3]) => {
    const opened = await pkg.open(part);
    if (opened) await streamXmlPart(opened, part, settings, handlers);
    return opened !== undefined;
  };
  try {
    const relationships = new Map<string, { type: string; path: string }>();
    await stream(WORKBOOK_RELS, {
      open(name, attributes) {
        const type = RELATIONSHIP_TYPE.exec(attributes.Type ?? '')?.[1];
        if (name !== 'Relationship' || !type || !attributes.Id || attributes.TargetMode === 'External')
          return;
        if (relationships.size < limits.maxZipEntries)
          relationships.set(attributes.Id, { type, path: partPath(attributes.Target ?? '') });
      },
    });
    const sheets = await scanSheetList(stream, limits);
    const partOf = (type: string) => [...relationships.values()].find((rel) => rel.type === type)?.path;
    const parts = {
      workbook: WORKBOOK_PART,
      ...optional('styles', partOf('styles') ?? 'xl/styles.xml', pkg),
      ...optional('sharedStrings', partOf('sharedStrings') ?? 'xl/sharedStrings.xml', pkg),
    };
    if (parts.styles) await scanStyles(stream, parts.styles, limits);
    if (parts.sharedStrings) await scanSharedStrings(stream, parts.sharedStrings, limits);

    const totals = { cells: 0, merges: 0 };
    const worksheets: WorksheetStructure[] = [];
    for (const sheet of sheets) {
      const relationship = relationships.get(sheet.relationshipId);
      if (relationship?.type !== 'worksheet' || !WORKSHEET_PATH.test(relationship.path)) continue;
      const layout = await scanWorksheet(stream, relationship.path, sheet.name, limits, totals);
      if (layout) worksheets.push({ name: sheet.name, path: relationship.path, state: sheet.state, layout });
    }
    return {
      kind: 'scanned',
      structure: { sheetNames: sheets.map((sheet) => sheet.name), worksheets, parts },
    };
  } catch (error) {
    if (error instanceof StructureStop) return { kind: 'refused', problem: error.problem };
    throw error;
  }
}

type Stream = (part: string, handlers: Parameters<typeof streamXmlPart>[3]) => Promise<boolean>;

function optional<K extends string>(key: K, path: string, pkg: XlsxPackage): { [P in K]?: string } {
  return (pkg.has(path) ? { [key]: path } : {}) as { [P in K]?: string };
}

/** A relationship target of the workbook part: relative to xl/, or absolute from the package root. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

interface SheetEntry {
  readonly name: string;
  readonly state: SheetState;
  readonly relationshipId: string;
}

async function scanSheetList(stream: Stream, limits: SubmissionLimits): Promise<SheetEntry[]> {
  const sheets: SheetEntry[] = [];
  let listed = 0;
  let inSheets = false;
  await stream(WORKBOOK_PART, {
    open(name, attributes) {
      if (name === 'sheets') inSheets = true;
      // Past the limit, sheets are only counted, so the answer can say how many there are.
      if (name !== 'sheet' || !inSheets || ++listed > limits.maxSheets) return;
      const state =
        attributes.state === 'hidden' || attributes.state === 'veryHidden' ? attributes.state : 'visible';
      // The relationship id is r:id, whatever prefix the file gives the relationships namespace.
      const id = Object.keys(attributes).find((key) => key.includes(':') && localName(key) === 'id');
      sheets.push({ name: attributes.name ?? '', state, relationshipId: id ? (attributes[id] ?? '') : '' });
    },
    close(name) {
      if (name === 'sheets') inSheets = false;
    },
  });
  if (listed > limits.maxSheets) throw new StructureStop(structureProblems.sheets(listed, limits.maxSheets));
  return sheets;
}

async function scanStyles(stream: Stream, part: string, limits: SubmissionLimits): Promise<void> {
  let list: string | undefined;
  let entries = 0;
  await stream(part, {
    open(name, _attributes, depth) {
      if (depth === 2) {
        list = name;
        entries = 0;
      } else if (depth === 3 && list !== undefined && ++entries > limits.maxStyles)
        throw new StructureStop(
          structureProblems.styles(STYLE_LISTS[list] ?? `${list} entries`, limits.maxStyles),
        );
    },
  });
}

async function scanSharedStrings(stream: Stream, part: string, limits: SubmissionLimits): Promise<void> {
  let strings = 0;
  await stream(part, {
    open(name) {
      if (name === 'si' && ++strings > limits.maxSharedStrings)
        throw new StructureStop(structureProblems.sharedStrings(limits.maxSharedStrings));
    },
  });
}

const CELL_REFERENCE = /^\$?([A-Za-z]{1,3})\$?\d+$/;

/** The column of a cell reference (`B7` → 2), or undefined when it is not one. */
function columnOf(reference: string): number | undefined {
  const letters = CELL_REFERENCE.exec(reference)?.[1];
  return letters ? columnNumber(letters) : undefined;
}

/**
 * One worksheet: counts while streaming, mirroring how exceljs's readers find rows and cells
 * (a row anywhere inside sheetData, a cell anywhere inside a row), so what is counted bounds
 * what exceljs would do. Each event goes to the part that tracks its elements: the grid's rows
 * and cells (the hot path, matched first), the data validations, and the rest of the layout.
 */
async function scanWorksheet(
  stream: Stream,
  path: string,
  sheet: string,
  limits: SubmissionLimits,
  totals: { cells: number; merges: number },
): Promise<SheetLayout | undefined> {
  const grid = new SheetGrid(sheet, limits, totals);
  const layout = new LayoutCollector(sheet, limits, totals);
  const validations = new ValidationCollector(layout.layout.validations);
  const found = await stream(path, {
    open(name, attributes, depth) {
      switch (name) {
        case 'sheetData':
          return grid.openSheetData();
        case 'row':
          return grid.openRow(attributes.r);
        case 'c':
          return grid.openCell(attributes.r);
        case 'v':
        case 'is':
        case 'f':
          return grid.cellHasValue();
        case 'dataValidation':
          return validations.openValidation(attributes);
        case 'formula1':
        case 'formula2':
          return validations.openFormula();
        default:
          return layout.open(name, attributes, depth);
      }
    },
    text(text) {
      validations.text(text);
    },
    close(name) {
      switch (name) {
        case 'sheetData':
          return grid.closeSheetData();
        case 'row':
          return grid.closeRow();
        case 'c':
          return grid.closeCell();
        case 'sheetView':
          return layout.closeSheetView();
        case 'formula1':
        case 'formula2':
          return validations.closeFormula();
        case 'dataValidation':
          return validations.closeValidation();
      }
    },
  });
  return found ? layout.layout : undefined;
}

/**
 * What the marked-up copy keeps of a sheet's layout (each list capped): merged ranges (counted over
 * the whole workbook), column widths, the first sheet view and its pane, protection, autofilter.
 */
class LayoutCollector {
  readonly layout: MutableLayout = { columns: [], merges: [], validations: [] };
  /** Only the first sheetView (the one a workbook opens with) is kept, with its pane. */
  private inSheetView = false;
  private views = 0;

  constructor(
    private readonly sheet: string,
    private readonly limits: SubmissionLimits,
    private readonly totals: { cells: number; merges: number },
  ) {}

  open(name: string, attributes: Readonly<Record<string, string>>, depth: number): void {
    const { layout, limits } = this;
    switch (name) {
      case 'mergeCell':
        if (++this.totals.merges > limits.maxMergedRanges)
          throw new StructureStop(structureProblems.mergedRanges(this.sheet, limits.maxMergedRanges));
        if (attributes.ref) layout.merges.push(attributes.ref);
        return;
      case 'col':
        collectColumn(layout.columns, attributes, limits.maxColumns);
        return;
      case 'sheetView':
        this.inSheetView = this.views++ === 0;
        if (this.inSheetView) layout.view = pick(attributes, ['showGridLines', 'rightToLeft', 'zoomScale']);
        return;
      case 'pane':
        if (this.inSheetView) layout.pane = pick(attributes, ['xSplit', 'ySplit', 'topLeftCell', 'state']);
        return;
      case 'sheetProtection':
        layout.protection = { ...attributes };
        return;
      case 'autoFilter':
        if (depth === 2 && attributes.ref) layout.autoFilter = attributes.ref;
        return;
    }
  }

  closeSheetView(): void {
    this.inSheetView = false;
  }
}

/**
 * A worksheet's rows and cells as exceljs finds them: row numbers (given or next), cells counted
 * over the whole workbook, and a cell past the column limit refused only when it holds a value.
 */
class SheetGrid {
  private inSheetData = false;
  private row = 0;
  private inRow = false;
  private column = 0;
  private cell: { column: number; hasValue: boolean } | undefined;

  constructor(
    private readonly sheet: string,
    private readonly limits: SubmissionLimits,
    private readonly totals: { cells: number; merges: number },
  ) {}

  openSheetData(): void {
    this.inSheetData = true;
  }

  closeSheetData(): void {
    this.inSheetData = false;
    this.inRow = false;
  }

  openRow(reference: string | undefined): void {
    if (!this.inSheetData) return;
    const number = reference === undefined ? this.row + 1 : Number(reference);
    if (!Number.isSafeInteger(number) || number < 1)
      throw this.unreadable(`a row is numbered "${String(reference).slice(0, 20)}"`);
    this.row = number;
    if (this.row > this.limits.maxRows)
      throw new StructureStop(structureProblems.rows(this.sheet, this.row, this.limits.maxRows));
    this.inRow = true;
    this.column = 0;
  }

  closeRow(): void {
    this.inRow = false;
  }

  openCell(reference: string | undefined): void {
    if (!this.inRow) return;
    if (++this.totals.cells > this.limits.maxCells)
      throw new StructureStop(structureProblems.cells(this.sheet, this.limits.maxCells));
    const number = reference === undefined ? this.column + 1 : columnOf(reference);
    if (number === undefined)
      throw this.unreadable(`a cell is addressed "${String(reference).slice(0, 20)}"`);
    this.column = number;
    this.cell = { column: number, hasValue: false };
  }

  cellHasValue(): void {
    if (this.cell) this.cell.hasValue = true;
  }

  closeCell(): void {
    const { cell, limits } = this;
    if (cell?.hasValue && cell.column > limits.maxColumns)
      throw new StructureStop(
        structureProblems.columns(this.sheet, this.row, cell.column, limits.maxColumns),
      );
    this.cell = undefined;
  }

  private unreadable(reason: string): StructureStop {
    return new StructureStop(structureProblems.unreadable(reason, this.sheet));
  }
}

/** The sheet's data validations with their formulae, for the marked-up copy (at most LAYOUT_CAP). */
class ValidationCollector {
  private validation:
    | { attributes: Record<string, string>; formulae: string[]; formula?: string }
    | undefined;

  constructor(private readonly validations: ValidationLayout[]) {}

  openValidation(attributes: Readonly<Record<string, string>>): void {
    // Only the main-namespace form carries its range as an attribute; the x14 extension form is left out.
    if (attributes.sqref && this.validations.length < LAYOUT_CAP)
      this.validation = { attributes: { ...attributes }, formulae: [] };
  }

  openFormula(): void {
    if (this.validation) this.validation.formula = '';
  }

  text(text: string): void {
    if (this.validation?.formula !== undefined) this.validation.formula += text;
  }

  closeFormula(): void {
    if (this.validation?.formula !== undefined) {
      this.validation.formulae.push(this.validation.formula);
      this.validation.formula = undefined;
    }
  }

  closeValidation(): void {
    if (this.validation)
      this.validations.push({ attributes: this.validation.attributes, formulae: this.validation.formulae });
    this.validation = undefined;
  }
}

type MutableLayout = { -readonly [K in keyof SheetLayout]: SheetLayout[K] } & {
  columns: ColumnLayout[];
  merges: string[];
  validations: ValidationLayout[];
};

function collectColumn(
  columns: ColumnLayout[],
  attributes: Readonly<Record<string, string>>,
  maxColumns: number,
): void {
  const min = Number(attributes.min);
  const max = Math.min(Number(attributes.max), maxColumns);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 1 || min > max) return;
  if (columns.length >= LAYOUT_CAP) return;
  const width = Number(attributes.width);
  columns.push({
    min,
    max,
    ...(Number.isFinite(width) && width > 0 ? { width } : {}),
    hidden: attributes.hidden === '1' || attributes.hidden === 'true',
  });
}

function pick(
  attributes: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
