import { defaultCatalog } from '../../shared/catalog/default-catalog';
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
    sheetNames: options.sheetNames ?? [SHEETS.instructions, SHEETS.progress, SHEETS.metadata],
    metadata: 'metadata' in options ? options.metadata : metadataFor(office, period),
    progressRows: [options.header ?? headerRow(), ...all.map((cells, index) => row(index + 2, cells))],
  };
}
