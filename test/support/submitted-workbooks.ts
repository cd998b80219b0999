import { defaultCatalog } from '../../shared/catalog/default-catalog';
import {
  ATTESTATION_FIELDS,
  ATTESTATION_HEADERS,
  type AttestationFieldKey,
} from '../../shared/domain/submission/attestation';
import type {
  CellValue,
  SheetRow,
  SubmittedWorkbook,
} from '../../shared/domain/submission/submitted-workbook';
import {
  type ColumnKey,
  METADATA_KEYS,
  PROGRESS_COLUMNS,
  SHEETS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
} from '../../shared/domain/submission/template-layout';

/** Cell values as the reader produces them. */
export const text = (value: string): CellValue => ({ kind: 'text', text: value });
export const num = (value: number, percentFormat = false): CellValue => ({
  kind: 'number',
  value,
  percentFormat,
});
export const date = (iso: string): CellValue => ({ kind: 'date', value: new Date(`${iso}T00:00:00Z`) });

export type RowCells = Partial<Record<ColumnKey, CellValue>>;

export const catalog = defaultCatalog();

export function metadataFor(office: string, period: string, overrides: Record<string, string> = {}) {
  return new Map<string, string>(
    Object.entries({
      [METADATA_KEYS.format]: TEMPLATE_FORMAT,
      [METADATA_KEYS.templateVersion]: TEMPLATE_VERSION,
      [METADATA_KEYS.catalogId]: catalog.id,
      [METADATA_KEYS.catalogVersion]: catalog.version,
      [METADATA_KEYS.office]: office,
      [METADATA_KEYS.period]: period,
      ...overrides,
    }),
  );
}

export function validCells(index: number): RowCells {
  return { status: text('On Track'), percentComplete: num(10 + index) };
}

export function row(rowNumber: number, cells: RowCells): SheetRow {
  const map = new Map<number, CellValue>();
  PROGRESS_COLUMNS.forEach((column, index) => {
    const value = cells[column.key];
    if (value !== undefined) map.set(index + 1, value);
  });
  return { rowNumber, cells: map };
}

export const headerRow = (): SheetRow => ({
  rowNumber: 1,
  cells: new Map(PROGRESS_COLUMNS.map((column, index) => [index + 1, text(column.header)])),
});

/**
 * A submitted workbook for an office as the reader would hand it over: every owned activity in
 * catalog order with valid answers, changed by `edit` (by activity id) when given.
 */
export function submittedWorkbook(
  office = 'OFO',
  period = '2026-10',
  options: {
    edit?: (activityId: string, cells: RowCells) => RowCells | undefined;
    extraRows?: RowCells[];
    metadata?: Map<string, string> | undefined;
    header?: SheetRow;
    sheetNames?: string[];
    /** The Attestation sheet's answers by field, changed from a complete one (undefined: blank). */
    attestation?: Partial<Record<AttestationFieldKey, CellValue | undefined>>;
    /** The Attestation sheet's rows as given (undefined: no such sheet). */
    attestationRows?: SheetRow[] | undefined;
  } = {},
): SubmittedWorkbook {
  const rows = catalog.activitiesOf(office).flatMap((activity, index) => {
    const base: RowCells = {
      activityId: text(activity.id),
      keyActivity: text(activity.text),
      ...validCells(index),
    };
    const cells = options.edit ? options.edit(activity.id, base) : base;
    return cells ? [cells] : [];
  });
  const all = [...rows, ...(options.extraRows ?? [])];
  return {
    sheetNames: options.sheetNames ?? [
      SHEETS.instructions,
      SHEETS.progress,
      SHEETS.attestation,
      SHEETS.metadata,
    ],
    metadata: 'metadata' in options ? options.metadata : metadataFor(office, period),
    progressRows: [options.header ?? headerRow(), ...all.map((cells, index) => row(index + 2, cells))],
    attestationRows:
      'attestationRows' in options ? options.attestationRows : attestationRows(period, options.attestation),
  };
}

/** A complete attestation's answers, by field. */
export function attestationCells(period: string): Record<AttestationFieldKey, CellValue> {
  return {
    preparedByName: text('Pat Analyst'),
    preparedByTitle: text('Program analyst'),
    preparedByEmail: text('pat.analyst@agency.example'),
    approvedByName: text('Dana Director'),
    approvedByTitle: text('Deputy director'),
    approvedByEmail: text('dana.director@agency.example'),
    date: date(`${period}-28`),
    verification: text('A second analyst checks every figure.'),
    sources: text('The program management system.'),
    accuracy: text('Within 5 points.'),
    limitations: text('None known.'),
    compensation: text('Not needed.'),
  };
}

/** The Attestation sheet as the reader hands it over: header row, then one row per field (row 2 on). */
export function attestationRows(
  period: string,
  changes: Partial<Record<AttestationFieldKey, CellValue | undefined>> = {},
): SheetRow[] {
  const answers = { ...attestationCells(period), ...changes };
  return [
    {
      rowNumber: 1,
      cells: new Map([
        [1, text(ATTESTATION_HEADERS.item)],
        [2, text(ATTESTATION_HEADERS.answer)],
        [3, text(ATTESTATION_HEADERS.help)],
      ]),
    },
    ...ATTESTATION_FIELDS.map((field, index) => {
      const cells = new Map<number, CellValue>([[1, text(field.label)]]);
      const answer = answers[field.key];
      if (answer !== undefined) cells.set(2, answer);
      return { rowNumber: index + 2, cells };
    }),
  ];
}
