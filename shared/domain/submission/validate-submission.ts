import type { Catalog } from '../catalog/catalog';
import type { InputProblem } from '../errors';
import type { Period } from '../period';
import { type ProgressRow, progressRowSchema } from '../progress';
import type { Attestation } from './attestation';
import { readAttestation } from './attestation-rules';
import {
  type CellResult,
  dateCell,
  emailCell,
  numberCell,
  percentCell,
  statusCell,
  textCell,
} from './cell-rules';
import { cellText, type SheetRow, type SubmittedWorkbook } from './submitted-workbook';
import {
  type ColumnDefinition,
  type ColumnKey,
  isReservedName,
  METADATA_KEYS,
  normalizeHeader,
  PROGRESS_COLUMNS,
  SHEETS,
  TEMPLATE_FORMAT,
} from './template-layout';
import { judgeTemplateVersion, PREVIOUS_TEMPLATE_VERSION, type TemplateGrace } from './template-versions';

export interface SubmissionContext {
  readonly catalog: Catalog;
  /** Office and period from the upload key: the only place they are trusted from. */
  readonly office: string;
  readonly period: Period;
  /** The file name problems are reported against. */
  readonly file: string;
  readonly maxTextLength: number;
  /** When a workbook of the previous template version is still accepted (template-versions.ts). */
  readonly templateGrace?: TemplateGrace;
}

export interface ValidatedSubmission {
  /** Every row, valid; meaningful only when there are no problems. */
  readonly rows: readonly ProgressRow[];
  /** Every problem found, in sheet order; empty when the workbook is accepted. */
  readonly problems: readonly InputProblem[];
  readonly templateVersion: string | undefined;
  /** Valid Point of Contact addresses in row order, for the receipt or rejection e-mail. */
  readonly contacts: readonly string[];
  /** What the receipt warns of in an accepted workbook (a template version in its grace period). */
  readonly warnings: readonly InputProblem[];
  /** The Attestation sheet's answers; absent for a previous-version template (it has none). */
  readonly attestation?: Attestation;
  /** The Progress row each accepted activity was on, for the receipt. */
  readonly rowNumbers: ReadonlyMap<string, number>;
}

const columnByHeader = new Map(PROGRESS_COLUMNS.map((column) => [normalizeHeader(column.header), column]));
const COLUMN = new Map(PROGRESS_COLUMNS.map((column) => [column.key, column]));
/** The columns whose content makes a row a submission row (catalog text alone does not). */
const ANSWER_COLUMNS = PROGRESS_COLUMNS.filter((column) => column.input || column.key === 'activityId');

/**
 * Every rule a submitted workbook must pass (docs/submissions.md). All problems are collected,
 * not just the first, each with its rule id and, where there is one, row and column.
 */
export function validateSubmission(
  workbook: SubmittedWorkbook,
  context: SubmissionContext,
): ValidatedSubmission {
  const problems: InputProblem[] = [];
  const add = (problem: Omit<InputProblem, 'file'>) => problems.push({ file: context.file, ...problem });

  for (const name of workbook.sheetNames) {
    if (isReservedName(name))
      add({
        rule: 'workbook.reserved-name',
        message: `a sheet may not be named "${name}": rename or delete it`,
      });
  }
  const metadata = checkMetadata(workbook.metadata, context, add);
  const { templateVersion, warnings } = metadata;
  const rejectedEarly = (): ValidatedSubmission => ({
    rows: [],
    problems,
    templateVersion,
    contacts: [],
    warnings,
    rowNumbers: new Map(),
  });
  const office = context.catalog.office(context.office);
  if (!office)
    add({
      rule: 'office.unknown',
      message: `${context.office} is not an office in catalog ${context.catalog.id} ${context.catalog.version}: upload under your office's folder`,
    });

  if (workbook.progressRows === undefined) {
    add({
      rule: 'progress.missing-sheet',
      message: `the workbook has no sheet named "${SHEETS.progress}": submit the template's Progress sheet`,
    });
    return rejectedEarly();
  }
  const [header, ...dataRows] = workbook.progressRows;
  const columns = readHeader(header, add);
  const missing = PROGRESS_COLUMNS.filter((column) => column.required && !columns.has(column.key));
  for (const column of missing)
    add({
      rule: 'header.missing-column',
      sheet: SHEETS.progress,
      ...(header ? { row: header.rowNumber } : {}),
      column: column.header,
      message: `the Progress sheet has no "${column.header}" column: put the template's header row back`,
    });
  if (missing.length > 0) return rejectedEarly();

  const owned = new Set(
    office ? context.catalog.activitiesOf(office.code).map((activity) => activity.id) : [],
  );
  const seen = new Map<string, number>();
  const rows: ProgressRow[] = [];
  const contacts: string[] = [];
  const rowNumbers = new Map<string, number>();
  const state = {
    owned,
    seen,
    checkOwnership: office !== undefined,
    previousLayout: metadata.previousLayout,
  };
  for (const row of dataRows) {
    const result = validateRow(row, columns, context, state);
    for (const problem of result.problems) add({ sheet: SHEETS.progress, row: row.rowNumber, ...problem });
    if (result.contact) contacts.push(result.contact);
    if (result.row) {
      rows.push(result.row);
      rowNumbers.set(result.row.activityId, row.rowNumber);
    }
  }
  if (office) {
    for (const activityId of owned) {
      if (!seen.has(activityId))
        add({
          rule: 'activity.missing',
          sheet: SHEETS.progress,
          message: `key activity ${activityId} is missing: ${office.code} reports on it every month (put its row back, or download a fresh template)`,
        });
    }
  }
  // A previous-version template has no attestation; a workbook that is no template at all is
  // told so once (metadata.missing), not again for each attestation field.
  const attestation =
    templateVersion === undefined || metadata.previousLayout
      ? undefined
      : readAttestation(workbook.attestationRows, context);
  for (const problem of attestation?.problems ?? []) add(problem);
  const accepted = problems.length === 0;
  return {
    rows: accepted ? rows : [],
    problems,
    templateVersion,
    contacts,
    warnings,
    ...(accepted && attestation?.attestation ? { attestation: attestation.attestation } : {}),
    rowNumbers: accepted ? rowNumbers : new Map(),
  };
}

interface MetadataVerdict {
  readonly templateVersion: string | undefined;
  /** A previous-version workbook: read by that version's rules (no mitigation, no attestation). */
  readonly previousLayout: boolean;
  readonly warnings: InputProblem[];
}

function checkMetadata(
  metadata: ReadonlyMap<string, string> | undefined,
  context: SubmissionContext,
  add: (problem: Omit<InputProblem, 'file'>) => void,
): MetadataVerdict {
  if (metadata === undefined || metadata.get(METADATA_KEYS.format) !== TEMPLATE_FORMAT) {
    add({
      rule: 'metadata.missing',
      message:
        'the workbook is not a strategy-report template (its hidden Metadata sheet is missing or changed): fill in a template from `strategy-report template`',
    });
    return { templateVersion: undefined, previousLayout: false, warnings: [] };
  }
  const get = (key: string) => metadata.get(key)?.trim() ?? '';
  const office = get(METADATA_KEYS.office);
  const period = get(METADATA_KEYS.period);
  const catalogId = get(METADATA_KEYS.catalogId);
  const catalogVersion = get(METADATA_KEYS.catalogVersion);
  const templateVersion = get(METADATA_KEYS.templateVersion);
  if (office !== context.office)
    add({
      rule: 'metadata.office-mismatch',
      message: `the workbook is the template of office "${office}" but was uploaded under ${context.office}'s folder: upload each office's workbook to its own folder`,
    });
  if (period !== context.period)
    add({
      rule: 'metadata.period-mismatch',
      message: `the workbook is the template for "${period}" but was uploaded for ${context.period}: download the ${context.period} template (it is pre-filled with your last answers)`,
    });
  if (catalogId !== context.catalog.id || catalogVersion !== context.catalog.version)
    add({
      rule: 'metadata.catalog-version',
      message: `the workbook was made from catalog "${catalogId}" version "${catalogVersion}", which is not the catalog in force (${context.catalog.id} ${context.catalog.version}): download a new template`,
    });
  const verdict = judgeTemplateVersion(templateVersion, context.templateGrace ?? {});
  if (verdict.kind === 'refused') add(verdict.problem);
  return {
    templateVersion,
    // Read by its own version's rules even when refused: its answer is "download the new template",
    // not a list of what the new one asks for.
    previousLayout: templateVersion === PREVIOUS_TEMPLATE_VERSION,
    warnings: verdict.kind === 'previous' ? [{ file: context.file, ...verdict.warning }] : [],
  };
}

function readHeader(
  header: SheetRow | undefined,
  add: (problem: Omit<InputProblem, 'file'>) => void,
): Map<ColumnKey, number> {
  const columns = new Map<ColumnKey, number>();
  if (!header) return columns;
  for (const [columnNumber, cell] of header.cells) {
    const text = cellText(cell);
    if (isReservedName(text)) {
      add({
        rule: 'header.reserved-name',
        sheet: SHEETS.progress,
        row: header.rowNumber,
        column: text,
        message: `"${text}" cannot be a column header: rename or delete the column`,
      });
      continue;
    }
    const column = columnByHeader.get(normalizeHeader(text));
    if (!column) continue; // extra columns a submitter added are ignored
    if (columns.has(column.key)) {
      add({
        rule: 'header.duplicate-column',
        sheet: SHEETS.progress,
        row: header.rowNumber,
        column: column.header,
        message: `there are two "${column.header}" columns: delete one`,
      });
      continue;
    }
    columns.set(column.key, columnNumber);
  }
  return columns;
}

interface RowState {
  readonly owned: ReadonlySet<string>;
  readonly seen: Map<string, number>;
  readonly checkOwnership: boolean;
  /** Rows of a previous-version template: no Mitigation / Next Steps column to require. */
  readonly previousLayout: boolean;
}

type RowProblem = Omit<InputProblem, 'file' | 'sheet' | 'row'>;

function validateRow(
  row: SheetRow,
  columns: ReadonlyMap<ColumnKey, number>,
  context: SubmissionContext,
  state: RowState,
): { row?: ProgressRow; problems: RowProblem[]; contact?: string } {
  const cellOf = (key: ColumnKey) => {
    const columnNumber = columns.get(key);
    return columnNumber === undefined ? undefined : row.cells.get(columnNumber);
  };
  if (
    ANSWER_COLUMNS.every(
      (column) => cellText(cellOf(column.key)) === '' && cellOf(column.key)?.kind !== 'error',
    )
  )
    return { problems: [] }; // a blank row (or one with catalog text only) is not a submission row

  const problems: RowProblem[] = [];
  const activityId = cellText(cellOf('activityId'));
  const atId = (rule: string, message: string) => problems.push({ rule, column: 'Activity ID', message });
  if (activityId === '')
    atId('activity.missing-id', 'the row has answers but no Activity ID: put the id back');
  else if (state.seen.has(activityId))
    atId(
      'activity.duplicate',
      `activity ${activityId} appears twice (first in row ${state.seen.get(activityId)}): keep one row per activity`,
    );
  else {
    state.seen.set(activityId, row.rowNumber);
    const activity = context.catalog.keyActivity(activityId);
    if (!activity)
      atId('activity.unknown', `"${activityId.slice(0, 40)}" is not a key activity of the strategy catalog`);
    else if (state.checkOwnership && !state.owned.has(activityId))
      atId(
        'activity.not-owned',
        `key activity ${activityId} is not one that ${context.office} reports on: delete the row`,
      );
  }

  const field = <T>(column: ColumnDefinition, result: CellResult<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push({ rule: result.rule, column: column.header, message: result.message });
    return undefined;
  };
  const definition = (key: ColumnKey) => COLUMN.get(key) as ColumnDefinition;
  const max = context.maxTextLength;
  const status = field(definition('status'), statusCell(cellOf('status')));
  const percentComplete = field(definition('percentComplete'), percentCell(cellOf('percentComplete')));
  const metric = field(definition('metric'), textCell(cellOf('metric'), max));
  const actual = field(definition('actual'), numberCell(cellOf('actual')));
  const target = field(definition('target'), numberCell(cellOf('target')));
  const nextMilestone = field(definition('nextMilestone'), textCell(cellOf('nextMilestone'), max));
  const milestoneDue = field(definition('milestoneDue'), dateCell(cellOf('milestoneDue'), context.period));
  const accomplishments = field(definition('accomplishments'), textCell(cellOf('accomplishments'), max));
  const risksAndIssues = field(definition('risksAndIssues'), textCell(cellOf('risksAndIssues'), max));
  const mitigation = field(definition('mitigation'), textCell(cellOf('mitigation'), max));
  const pointOfContact = field(definition('pointOfContact'), emailCell(cellOf('pointOfContact'), max));

  if (status === 'Complete' && percentComplete !== undefined && percentComplete !== 100)
    problems.push({
      rule: 'status.complete-means-100',
      column: 'Percent Complete',
      message: `the status is Complete but the percent complete is ${percentComplete}: Complete means 100`,
    });
  if ((status === 'At Risk' || status === 'Off Track') && risksAndIssues === undefined)
    problems.push({
      rule: 'risks.required',
      column: 'Risks and Issues',
      message: `the status is ${status}: say what the risks and issues are`,
    });
  if ((status === 'At Risk' || status === 'Off Track') && mitigation === undefined && !state.previousLayout)
    problems.push({
      rule: 'mitigation.required',
      column: definition('mitigation').header,
      message: `the status is ${status}: say what is being done about it and the next steps (Mitigation / Next Steps)`,
    });
  const contact = pointOfContact;
  if (problems.length > 0 || status === undefined || percentComplete === undefined)
    return { problems, ...(contact ? { contact } : {}) };

  const candidate = {
    activityId,
    status,
    percentComplete,
    ...(metric !== undefined ? { metric } : {}),
    ...(actual !== undefined ? { actual } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(nextMilestone !== undefined ? { nextMilestone } : {}),
    ...(milestoneDue !== undefined ? { milestoneDue } : {}),
    ...(accomplishments !== undefined ? { accomplishments } : {}),
    ...(risksAndIssues !== undefined ? { risksAndIssues } : {}),
    ...(mitigation !== undefined ? { mitigation } : {}),
    ...(pointOfContact !== undefined ? { pointOfContact } : {}),
  };
  // The stored row schema is the last word: a row the rules let through must also be storable.
  const parsed = progressRowSchema.safeParse(candidate);
  if (!parsed.success)
    return {
      problems: [
        { rule: 'row.invalid', column: 'Activity ID', message: 'the row cannot be stored: check its values' },
      ],
      ...(contact ? { contact } : {}),
    };
  return { row: parsed.data, problems: [], ...(contact ? { contact } : {}) };
}
