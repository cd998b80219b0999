import type ExcelJS from 'exceljs';
import { ATTESTATION_HEADERS, type AttestationField } from '../../domain/submission/attestation';
import { attestationDateWindow } from '../../domain/submission/attestation-rules';
import type { TemplateContent } from '../../domain/submission/template-content';
import { COLOURS, fittedRowHeight, solidFill, thinBorder } from './workbook-styles';

const WIDTHS = [34, 60, 60] as const;

/**
 * The template's Attestation sheet: a header row (Item, Answer, What to write) and one row per
 * field. Items and help are locked under sheet protection (no password, as on the Progress sheet);
 * answers are unlocked, yellow, and checked as they are typed (text length, a date within the
 * period's window, an e-mail's length). Pre-filled answers are written as text, never formulas.
 */
export async function writeAttestationSheet(
  sheet: ExcelJS.Worksheet,
  content: TemplateContent,
  maxTextLength: number,
): Promise<void> {
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const header = sheet.addRow([
    ATTESTATION_HEADERS.item,
    ATTESTATION_HEADERS.answer,
    ATTESTATION_HEADERS.help,
  ]);
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: COLOURS.headerText } };
    cell.fill = solidFill(COLOURS.headerFill);
    cell.border = thinBorder();
  });
  for (const { field, value } of content.attestation) {
    // The content never pre-fills the date (attestation-template.ts); one given is written as a date.
    const answer =
      value === undefined ? null : field.kind === 'date' ? new Date(`${value}T00:00:00Z`) : value;
    const row = sheet.addRow([field.label, answer, field.help]);
    row.height = fittedRowHeight([field.label, value, field.help], WIDTHS);
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = thinBorder();
      const input = column === 2;
      cell.fill = solidFill(input ? COLOURS.inputFill : COLOURS.catalogFill);
      cell.protection = { locked: !input };
    });
    const cell = row.getCell(2);
    if (field.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
    cell.dataValidation = validationFor(field, content, maxTextLength);
  }
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true });
}

function validationFor(
  field: AttestationField,
  content: TemplateContent,
  maxTextLength: number,
): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: field.label.slice(0, 32),
    prompt: field.help.slice(0, 250),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: field.label.slice(0, 32),
  };
  if (field.kind === 'date') {
    const { earliest, latest } = attestationDateWindow(content.period);
    return {
      ...common,
      type: 'date',
      operator: 'between',
      formulae: [new Date(`${earliest}T00:00:00Z`), new Date(`${latest}T00:00:00Z`)],
      error: `A date from ${earliest} to ${latest}, as YYYY-MM-DD`,
    };
  }
  const length = field.kind === 'email' ? 254 : maxTextLength;
  return {
    ...common,
    type: 'textLength',
    operator: 'lessThanOrEqual',
    formulae: [length],
    error: `At most ${length} characters`,
  };
}
