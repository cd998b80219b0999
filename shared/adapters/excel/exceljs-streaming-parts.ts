import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  parseSharedStringsPart,
  parseStylesPart,
  parseWorkbookPart,
  worksheetRows,
} from './exceljs-internals';

/**
 * exceljs's streaming reader, driven one part at a time (through `exceljs-internals.ts`, which
 * says why its public API does not serve): handed only parts that passed
 * `scanWorkbookStructure`, in the order they need (workbook, styles, shared strings, then sheets).
 */
export interface WorkbookParts {
  readonly workbook: Readable;
  readonly styles?: Readable;
  readonly sharedStrings?: Readable;
}

/** Reads one worksheet part's rows, with values resolved against the parts `open` parsed. */
export interface SheetRowReader {
  rows(sheet: Readable): AsyncIterable<ExcelJS.Row>;
}

/** What the submission adapter asks of exceljs when reading; passed in so a test can count it. */
export interface StreamingPartParsers {
  /** Parses the workbook, styles and shared-strings parts, ready to read sheets. */
  open(parts: WorkbookParts, onProgress: () => void): Promise<SheetRowReader>;
}

/** The parsers as exceljs provides them. */
export const exceljsStreamingParts: StreamingPartParsers = {
  async open(parts, onProgress) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    await parseWorkbookPart(reader, parts.workbook);
    onProgress();
    if (parts.styles) await parseStylesPart(reader, parts.styles);
    onProgress();
    if (parts.sharedStrings) await parseSharedStringsPart(reader, parts.sharedStrings);
    onProgress();
    return { rows: (sheet) => worksheetRows(reader, sheet) };
  },
};
