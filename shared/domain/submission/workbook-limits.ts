import type { InputProblem } from '../errors';

/**
 * The problems a workbook's structure can have before any of its values are read: one builder
 * per limit (docs/submissions.md, "Limits"), so every adapter that enforces a limit words it the
 * same way. None of them names a file: the caller adds it.
 */
export type StructureProblem = Omit<InputProblem, 'file'>;

export const LIMIT_RULES = {
  sheets: 'workbook.too-many-sheets',
  rows: 'sheet.too-many-rows',
  columns: 'sheet.too-many-columns',
  cells: 'workbook.too-many-cells',
  mergedRanges: 'workbook.too-many-merged-ranges',
  sharedStrings: 'workbook.too-many-shared-strings',
  styles: 'workbook.too-many-styles',
  partSize: 'xml.part-too-large',
  depth: 'xml.too-deep',
  attributes: 'xml.too-many-attributes',
  time: 'file.too-complex',
} as const;

const count = (value: number) => value.toLocaleString('en-US');
const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

export const structureProblems = {
  sheets: (found: number, max: number): StructureProblem => ({
    rule: LIMIT_RULES.sheets,
    message: `the workbook has ${found} sheets; at most ${max} are accepted`,
  }),
  rows: (sheet: string, row: number, max: number): StructureProblem => ({
    rule: LIMIT_RULES.rows,
    sheet,
    row,
    message: `the sheet has more than ${max} rows`,
  }),
  columns: (sheet: string, row: number, column: number, max: number): StructureProblem => ({
    rule: LIMIT_RULES.columns,
    sheet,
    row,
    message: `the row has a value in column ${column}; at most ${max} columns are read`,
  }),
  cells: (sheet: string, max: number): StructureProblem => ({
    rule: LIMIT_RULES.cells,
    sheet,
    message: `the workbook has more than ${count(max)} cells (counted up to this sheet, blank formatted cells included): delete what is not part of the template`,
  }),
  mergedRanges: (sheet: string, max: number): StructureProblem => ({
    rule: LIMIT_RULES.mergedRanges,
    sheet,
    message: `the workbook has more than ${count(max)} merged ranges (counted up to this sheet): unmerge the cells`,
  }),
  sharedStrings: (max: number): StructureProblem => ({
    rule: LIMIT_RULES.sharedStrings,
    message: `the workbook's table of texts has more than ${count(max)} entries`,
  }),
  styles: (list: string, max: number): StructureProblem => ({
    rule: LIMIT_RULES.styles,
    message: `the workbook defines more than ${count(max)} ${list}: clear the formatting of unused cells (Home > Clear > Clear Formats)`,
  }),
  partSize: (part: string, bytes: number, max: number): StructureProblem => ({
    rule: LIMIT_RULES.partSize,
    message: `the part ${part.slice(0, 80)} unpacks to ${megabytes(bytes)} MB; at most ${megabytes(max)} MB is accepted`,
  }),
  depth: (part: string, max: number): StructureProblem => ({
    rule: LIMIT_RULES.depth,
    message: `the part ${part.slice(0, 80)} nests elements more than ${max} deep, which no spreadsheet program writes`,
  }),
  attributes: (part: string, max: number): StructureProblem => ({
    rule: LIMIT_RULES.attributes,
    message: `the part ${part.slice(0, 80)} has an element with more than ${max} attributes, which no spreadsheet program writes`,
  }),
  /** Not a limit: the structure itself is broken (malformed XML, a row numbered "abc"). */
  unreadable: (reason: string, sheet?: string): StructureProblem => ({
    rule: 'workbook.unreadable',
    ...(sheet ? { sheet } : {}),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters from a parser message
    message: `the workbook cannot be read (${reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 120)}): open it in Excel or LibreOffice, save it as .xlsx and upload it again`,
  }),
  time: (seconds: number): StructureProblem => ({
    rule: LIMIT_RULES.time,
    message: `the workbook takes longer than ${seconds} s to check, so it was not read to the end: save a copy holding only the template's sheets and upload that`,
  }),
};

/**
 * Why a rejected upload comes back without its marked-up copy, in the words of the e-mail
 * ("No marked-up copy is attached: ..."). A copy is made only of a workbook that was read within
 * every limit and has a Progress sheet to mark.
 */
export const NO_COPY_REASONS = {
  notAWorkbook: 'the file is not a workbook that can safely be opened',
  overLimits: 'the workbook is over a limit named below, so it was not opened to be marked up',
  tooComplex: 'the work on it ran past the time allowed for one upload, so it was not marked up',
  unreadable: 'the workbook could not be read to the end',
  noProgressSheet: 'the workbook has no Progress sheet to mark',
  failed: 'making it failed (the problems below are complete all the same)',
} as const;
