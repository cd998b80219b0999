import type { InputProblem } from '../errors';
import { addMonths, type Period, periodBounds } from '../period';
import {
  ATTESTATION_FIELDS,
  ATTESTATION_HEADERS,
  ATTESTATION_WINDOW_MONTHS,
  type Attestation,
  type AttestationField,
  type AttestationFieldKey,
  attestationOf,
} from './attestation';
import { type CellResult, dateCell, emailCell, textCell } from './cell-rules';
import { cellText, type SheetRow } from './submitted-workbook';
import { normalizeHeader, SHEETS } from './template-layout';

export type AttestationProblem = Omit<InputProblem, 'file'>;

const fieldByLabel = new Map(ATTESTATION_FIELDS.map((field) => [normalizeHeader(field.label), field]));

/** The days an attestation for `period` may be dated: from the period's first day, for a year after it. */
export function attestationDateWindow(period: Period): { earliest: string; latest: string } {
  return {
    earliest: periodBounds(period).first,
    latest: periodBounds(addMonths(period, ATTESTATION_WINDOW_MONTHS)).last,
  };
}

/**
 * The Attestation sheet's rules (docs/submissions.md): every field answered — one
 * `attestation.missing-field` problem per blank or missing field, naming its row and the Answer
 * column — e-mail addresses that are addresses, and a date of this period (a date from an earlier
 * period means last period's attestation was sent again, unchecked). Fields are found by the
 * label in the Item column, so rows may be moved; the labels are locked in the template.
 */
export function readAttestation(
  rows: readonly SheetRow[] | undefined,
  context: { readonly period: Period; readonly maxTextLength: number },
): { attestation?: Attestation; problems: AttestationProblem[] } {
  if (rows === undefined)
    return {
      problems: [
        {
          rule: 'attestation.missing-sheet',
          message: `the workbook has no "${SHEETS.attestation}" sheet: the template's attestation (who prepared and approved the data, the date, and how its quality is assured) is required; put the sheet back or download a new template`,
        },
      ],
    };
  const [header, ...dataRows] = rows;
  const itemColumn = columnOf(header, ATTESTATION_HEADERS.item) ?? 1;
  const answerColumn = columnOf(header, ATTESTATION_HEADERS.answer) ?? 2;
  const found = new Map<AttestationFieldKey, SheetRow>();
  for (const row of dataRows) {
    const field = fieldByLabel.get(normalizeHeader(cellText(row.cells.get(itemColumn))));
    if (field && !found.has(field.key)) found.set(field.key, row);
  }

  const problems: AttestationProblem[] = [];
  const answers = new Map<AttestationFieldKey, string>();
  for (const field of ATTESTATION_FIELDS) {
    const row = found.get(field.key);
    if (!row) {
      problems.push({
        rule: 'attestation.missing-field',
        sheet: SHEETS.attestation,
        column: ATTESTATION_HEADERS.item,
        message: `the "${field.label}" row is missing: put it back (or download a new template) and answer it`,
      });
      continue;
    }
    const at = { sheet: SHEETS.attestation, row: row.rowNumber, column: ATTESTATION_HEADERS.answer };
    const result = answerOf(field, row.cells.get(answerColumn), context);
    if (!result.ok) problems.push({ ...at, rule: result.rule, message: result.message });
    else if (result.value === undefined)
      problems.push({
        ...at,
        rule: 'attestation.missing-field',
        message: `"${field.label}" is blank: ${field.help}`,
      });
    else answers.set(field.key, result.value);
  }
  return problems.length > 0 ? { problems } : { attestation: attestationOf(answers), problems };
}

function columnOf(header: SheetRow | undefined, name: string): number | undefined {
  if (!header) return undefined;
  for (const [column, cell] of header.cells)
    if (normalizeHeader(cellText(cell)) === normalizeHeader(name)) return column;
  return undefined;
}

function answerOf(
  field: AttestationField,
  cell: Parameters<typeof textCell>[0],
  context: { readonly period: Period; readonly maxTextLength: number },
): CellResult<string> {
  switch (field.kind) {
    case 'text':
      return textCell(cell, context.maxTextLength);
    case 'email':
      return emailCell(cell, context.maxTextLength);
    case 'date': {
      const date = dateCell(cell, context.period);
      if (!date.ok || date.value === undefined) return date;
      const { earliest, latest } = attestationDateWindow(context.period);
      if (date.value < earliest)
        return {
          ok: false,
          rule: 'attestation.date-range',
          message: `the attestation is dated ${date.value}, before the reporting period ${context.period}: enter the day this period's data was checked (${earliest} or later)`,
        };
      if (date.value > latest)
        return {
          ok: false,
          rule: 'attestation.date-range',
          message: `the attestation is dated ${date.value}, more than ${ATTESTATION_WINDOW_MONTHS} months after the reporting period ${context.period}: check the year`,
        };
      return date;
    }
  }
}
