import ExcelJS from 'exceljs';
import type { InputProblem } from '../../domain/errors';
import { normalizeHeader, SHEETS } from '../../domain/submission/template-layout';
import { COLOURS, solidFill } from './workbook-styles';

/**
 * The submitter's own workbook handed back with every problem marked: each bad cell filled red
 * with a note naming the rule, and an Errors sheet listing all problems, in front. Formulas are
 * replaced by their saved results, so the returned file holds no formula at all.
 *
 * Call it only on bytes that passed `inspectXlsxContainer`; it loads the whole workbook.
 */
export async function annotateWorkbook(bytes: Buffer, problems: readonly InputProblem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const previous = workbook.getWorksheet(SHEETS.errors);
  if (previous) workbook.removeWorksheet(previous.id);
  for (const sheet of workbook.worksheets) dropFormulas(sheet);

  const progress = workbook.getWorksheet(SHEETS.progress);
  if (progress) markCells(progress, problems);
  writeErrorsSheet(workbook, problems);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function dropFormulas(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      const result = (cell.value as { result?: unknown }).result;
      cell.value =
        result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))
          ? null
          : (result as string | number | boolean | Date);
    });
  });
}

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
  for (const [address, messages] of notes) {
    const cell = sheet.getCell(address);
    // exceljs shares one style object among cells loaded with the same style: give this cell its own.
    cell.style = {
      ...cell.style,
      fill: solidFill(COLOURS.errorFill),
      font: { ...(cell.style.font ?? {}), color: { argb: COLOURS.errorText } },
    };
    cell.note = messages.join('\n');
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
  problems.forEach((problem, index) => {
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
  // Open on the Errors sheet: it is what the submitter needs first.
  const position = workbook.worksheets.indexOf(sheet);
  workbook.views = [
    { activeTab: position, firstSheet: 0, x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' },
  ];
}
