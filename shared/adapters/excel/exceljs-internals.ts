import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * Every use of an exceljs internal, each in one small function. exceljs is pinned to an exact
 * version in package.json; each function checks that what it uses is still there and names it
 * if not; test/unit/adapters/excel/exceljs-internals.test.ts holds their contract and fails
 * loudly when an upgrade changes one. Before upgrading exceljs, run that test.
 *
 * Why the public API does not serve:
 * - Reading: `WorkbookReader.read()` runs its own zip loop over whatever parts the file holds, in
 *   the file's order. It parks sheets listed before the shared strings in temporary files (Excel
 *   and exceljs list them so) and then loses entries of workbooks with many sheets, and it would
 *   parse parts our checks have not bounded. Its part parsers (`_parseWorkbook`, `_parseStyles`,
 *   `_parseSharedStrings`, `_parseWorksheet`) are what `read()` itself calls for each part.
 * - Writing: the public way to validate cells is per cell (`cell.dataValidation`), which exceljs
 *   then squeezes back into ranges at write time, in time that grows fast with the cell count
 *   (a second for a 10,000-row copy). `worksheet.dataValidations.add(range, rule)` is what it
 *   keeps for a range read from a file, and writes as that range.
 */

/** The reader internals used here, as exceljs 4.4.0 defines them (lib/stream/xlsx/workbook-reader.js). */
interface ReaderInternals {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Readable, sheetNumber: string): Generator<{ eventType: string; value: unknown }>;
}

function internal<K extends keyof ReaderInternals>(reader: object, name: K): ReaderInternals[K] {
  const method = (reader as Partial<ReaderInternals>)[name];
  if (typeof method !== 'function')
    throw new Error(
      `exceljs's streaming WorkbookReader has no ${name} any more: an upgrade changed its internals (see shared/adapters/excel/exceljs-streaming-parts.ts)`,
    );
  return method.bind(reader) as ReaderInternals[K];
}

/** The workbook part: sheet list and workbook properties (1900 or 1904 dates). */
export function parseWorkbookPart(reader: object, part: Readable): Promise<void> {
  return internal(reader, '_parseWorkbook')(part);
}

/** The styles part: number formats decide which numbers are dates or percentages. */
export function parseStylesPart(reader: object, part: Readable): Promise<void> {
  return internal(reader, '_parseStyles')(part);
}

/** The shared-strings part, cached on the reader for the sheets (in 'cache' mode it yields nothing). */
export async function parseSharedStringsPart(reader: object, part: Readable): Promise<void> {
  for await (const _ of internal(reader, '_parseSharedStrings')(part));
}

/** One worksheet part's rows. */
export function worksheetRows(reader: object, part: Readable): AsyncIterable<ExcelJS.Row> {
  for (const event of internal(reader, '_parseWorksheet')(part, '1'))
    if (event.eventType === 'worksheet') return event.value as AsyncIterable<ExcelJS.Row>;
  throw new Error("exceljs's _parseWorksheet emitted no worksheet: an upgrade changed its internals");
}

/** The worksheet internal used here (exceljs 4.4.0, lib/doc/worksheet.js and lib/doc/data-validations.js). */
interface WorksheetInternals {
  dataValidations?: { add(address: string, validation: ExcelJS.DataValidation): unknown };
}

/** One data validation over a whole range (`E2:E23`), written as that range. */
export function addRangeValidation(
  worksheet: ExcelJS.Worksheet,
  range: string,
  validation: ExcelJS.DataValidation,
): void {
  const validations = (worksheet as unknown as WorksheetInternals).dataValidations;
  if (typeof validations?.add !== 'function')
    throw new Error(
      "exceljs's Worksheet has no dataValidations.add any more: an upgrade changed its internals (see shared/adapters/excel/exceljs-internals.ts)",
    );
  validations.add(range, validation);
}
