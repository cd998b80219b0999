import type { Catalog } from '../catalog/catalog';
import type { InputProblem } from '../errors';
import type { Period } from '../period';
import { type ProgressRow, progressRowSchema, type Status } from '../progress';
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
import { type CellValue, cellText, type SheetRow, type SubmittedWorkbook } from './submitted-workbook';
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

type AddProblem = (problem: Omit<InputProblem, 'file'>) => void;

/**
 * Every rule a submitted workbook must pass (docs/submissions.md). All problems are collected,
 * not just the first, each with its rule id and, where there is one, row and column. The steps
 * run in sheet order, so the problems read in the order a submitter meets them.
 */
export function validateSubmission(
  workbook: SubmittedWorkbook,
  context: SubmissionContext,
): ValidatedSubmission {
  const problems: InputProblem[] = [];
  const add: AddProblem = (problem) => problems.push({ file: context.file, ...problem });

  // 1. The workbook as a whole: its sheet names, its hidden Metadata, the office it was uploaded for.
  checkSheetNames(workbook.sheetNames, add);
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
  const office = knownOffice(context, add);

  // 2. The Progress sheet and its header: without them no row can be read.
  const sheet = readProgressSheet(workbook.progressRows, add);
  if (sheet === undefined) return rejectedEarly();

  // 3. Each data row on its own, then the office's activities no row answered.
  const owned = new Set(
    office ? context.catalog.activitiesOf(office.code).map((activity) => activity.id) : [],
  );
  const state: RowState = {
    owned,
    seen: new Map(),
    checkOwnership: office !== undefined,
    previousLayout: metadata.previousLayout,
  };
  const { rows, contacts, rowNumbers } = validateRows(sheet, context, state, add);
  if (office) checkEveryActivityAnswered(office.code, owned, state.seen, add);

  // 4. The Attestation sheet. A previous-version template has no attestation; a workbook that is
  // no template at all is told so once (metadata.missing), not again for each attestation field.
  const attestation =
    templateVersion === undefined || metadata.previousLayout
      ? undefined
      : readAttestation(workbook.attestationRows, context);
  for (const problem of attestation?.problems ?? []) add(problem);

  // 5. The verdict: rows, attestation and row numbers only for an accepted workbook.
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

/** A sheet may not be named __proto__ or the like: sheet names become property names (template-layout.ts). */
function checkSheetNames(sheetNames: readonly string[], add: AddProblem): void {
  for (const name of sheetNames) {
    if (isReservedName(name))
      add({
        rule: 'workbook.reserved-name',
        message: `a sheet may not be named "${name}": rename or delete it`,
      });
  }
}

/** The office of the upload key, if the catalog knows it; the rows are still read when it does not. */
function knownOffice(context: SubmissionContext, add: AddProblem) {
  const office = context.catalog.office(context.office);
  if (!office)
    add({
      rule: 'office.unknown',
      message: `${context.office} is not an office in catalog ${context.catalog.id} ${context.catalog.version}: upload under your office's folder`,
    });
  return office;
}

/** The Progress sheet's columns (by their header) and the data rows below the header. */
interface ProgressSheet {
  readonly columns: ReadonlyMap<ColumnKey, number>;
  readonly dataRows: readonly SheetRow[];
}

/** The Progress sheet, or undefined (its problems added) when it or a required column is missing. */
function readProgressSheet(
  progressRows: readonly SheetRow[] | undefined,
  add: AddProblem,
): ProgressSheet | undefined {
  if (progressRows === undefined) {
    add({
      rule: 'progress.missing-sheet',
      message: `the workbook has no sheet named "${SHEETS.progress}": submit the template's Progress sheet`,
    });
    return undefined;
  }
  const [header, ...dataRows] = progressRows;
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
  return missing.length > 0 ? undefined : { columns, dataRows };
}

/** Every data row validated in sheet order: its problems added, its row and contact kept. */
function validateRows(sheet: ProgressSheet, context: SubmissionContext, state: RowState, add: AddProblem) {
  const rows: ProgressRow[] = [];
  const contacts: string[] = [];
  const rowNumbers = new Map<string, number>();
  for (const row of sheet.dataRows) {
    const result = validateRow(row, sheet.columns, context, state);
    for (const problem of result.problems) add({ sheet: SHEETS.progress, row: row.rowNumber, ...problem });
    if (result.contact) contacts.push(result.contact);
    if (result.row) {
      rows.push(result.row);
      rowNumbers.set(result.row.activityId, row.rowNumber);
    }
  }
  return { rows, contacts, rowNumbers };
}

/** An office reports on each of its key activities every month: a row left out is a problem. */
function checkEveryActivityAnswered(
  officeCode: string,
  owned: ReadonlySet<string>,
  seen: ReadonlyMap<string, number>,
  add: AddProblem,
): void {
  for (const activityId of owned) {
    if (!seen.has(activityId))
      add({
        rule: 'activity.missing',
        sheet: SHEETS.progress,
        message: `key activity ${activityId} is missing: ${officeCode} reports on it every month (put its row back, or download a fresh template)`,
      });
  }
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
  add: AddProblem,
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

function readHeader(header: SheetRow | undefined, add: AddProblem): Map<ColumnKey, number> {
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
type CellOf = (key: ColumnKey) => CellValue | undefined;

/**
 * One data row: its Activity ID, each answer cell, the rules across answers, and last the stored
 * row schema. Problems come in that order; the contact is kept even from a rejected row, so the
 * rejection reaches its Point of Contact.
 */
function validateRow(
  row: SheetRow,
  columns: ReadonlyMap<ColumnKey, number>,
  context: SubmissionContext,
  state: RowState,
): { row?: ProgressRow; problems: RowProblem[]; contact?: string } {
  const cellOf: CellOf = (key) => {
    const columnNumber = columns.get(key);
    return columnNumber === undefined ? undefined : row.cells.get(columnNumber);
  };
  if (isBlankRow(cellOf)) return { problems: [] };

  const activityId = cellText(cellOf('activityId'));
  const problems = checkActivityId(activityId, row.rowNumber, context, state);
  const answers = readAnswers(cellOf, context, problems);
  problems.push(...crossAnswerProblems(answers, state.previousLayout));
  const contact = answers.pointOfContact;
  const withContact = contact ? { contact } : {};
  const { status, percentComplete } = answers;
  if (problems.length > 0 || status === undefined || percentComplete === undefined)
    return { problems, ...withContact };
  const stored = storableRow(activityId, { ...answers, status, percentComplete });
  return stored === undefined
    ? { problems: [ROW_NOT_STORABLE], ...withContact }
    : { row: stored, problems: [], ...withContact };
}

/** A blank row (or one with catalog text only) is not a submission row: no answer, no id, no error value. */
function isBlankRow(cellOf: CellOf): boolean {
  return ANSWER_COLUMNS.every(
    (column) => cellText(cellOf(column.key)) === '' && cellOf(column.key)?.kind !== 'error',
  );
}

/** The Activity ID: present, once per sheet, a key activity of the catalog, and one the office reports on. */
function checkActivityId(
  activityId: string,
  rowNumber: number,
  context: SubmissionContext,
  state: RowState,
): RowProblem[] {
  const atId = (rule: string, message: string): RowProblem[] => [{ rule, column: 'Activity ID', message }];
  if (activityId === '')
    return atId('activity.missing-id', 'the row has answers but no Activity ID: put the id back');
  const firstRow = state.seen.get(activityId);
  if (firstRow !== undefined)
    return atId(
      'activity.duplicate',
      `activity ${activityId} appears twice (first in row ${firstRow}): keep one row per activity`,
    );
  state.seen.set(activityId, rowNumber);
  if (!context.catalog.keyActivity(activityId))
    return atId(
      'activity.unknown',
      `"${activityId.slice(0, 40)}" is not a key activity of the strategy catalog`,
    );
  if (state.checkOwnership && !state.owned.has(activityId))
    return atId(
      'activity.not-owned',
      `key activity ${activityId} is not one that ${context.office} reports on: delete the row`,
    );
  return [];
}

/** Each answer cell read by its own rule (cell-rules.ts); a value is undefined when empty or refused. */
interface RowAnswers {
  readonly status: Status | undefined;
  readonly percentComplete: number | undefined;
  readonly metric: string | undefined;
  readonly actual: number | undefined;
  readonly target: number | undefined;
  readonly nextMilestone: string | undefined;
  readonly milestoneDue: string | undefined;
  readonly accomplishments: string | undefined;
  readonly risksAndIssues: string | undefined;
  readonly mitigation: string | undefined;
  readonly pointOfContact: string | undefined;
}

/** Reads every answer cell, in column order, pushing each refused cell's problem onto problems. */
function readAnswers(cellOf: CellOf, context: SubmissionContext, problems: RowProblem[]): RowAnswers {
  const field = <T>(key: ColumnKey, result: CellResult<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push({ rule: result.rule, column: definition(key).header, message: result.message });
    return undefined;
  };
  const max = context.maxTextLength;
  return {
    status: field('status', statusCell(cellOf('status'))),
    percentComplete: field('percentComplete', percentCell(cellOf('percentComplete'))),
    metric: field('metric', textCell(cellOf('metric'), max)),
    actual: field('actual', numberCell(cellOf('actual'))),
    target: field('target', numberCell(cellOf('target'))),
    nextMilestone: field('nextMilestone', textCell(cellOf('nextMilestone'), max)),
    milestoneDue: field('milestoneDue', dateCell(cellOf('milestoneDue'), context.period)),
    accomplishments: field('accomplishments', textCell(cellOf('accomplishments'), max)),
    risksAndIssues: field('risksAndIssues', textCell(cellOf('risksAndIssues'), max)),
    mitigation: field('mitigation', textCell(cellOf('mitigation'), max)),
    pointOfContact: field('pointOfContact', emailCell(cellOf('pointOfContact'), max)),
  };
}

const definition = (key: ColumnKey) => COLUMN.get(key) as ColumnDefinition;

/** The rules between answers: Complete means 100; At Risk and Off Track say what is wrong and what is done about it. */
function crossAnswerProblems(answers: RowAnswers, previousLayout: boolean): RowProblem[] {
  const { status, percentComplete } = answers;
  const problems: RowProblem[] = [];
  if (status === 'Complete' && percentComplete !== undefined && percentComplete !== 100)
    problems.push({
      rule: 'status.complete-means-100',
      column: 'Percent Complete',
      message: `the status is Complete but the percent complete is ${percentComplete}: Complete means 100`,
    });
  const troubled = status === 'At Risk' || status === 'Off Track';
  if (troubled && answers.risksAndIssues === undefined)
    problems.push({
      rule: 'risks.required',
      column: 'Risks and Issues',
      message: `the status is ${status}: say what the risks and issues are`,
    });
  if (troubled && answers.mitigation === undefined && !previousLayout)
    problems.push({
      rule: 'mitigation.required',
      column: definition('mitigation').header,
      message: `the status is ${status}: say what is being done about it and the next steps (Mitigation / Next Steps)`,
    });
  return problems;
}

const ROW_NOT_STORABLE: RowProblem = {
  rule: 'row.invalid',
  column: 'Activity ID',
  message: 'the row cannot be stored: check its values',
};

/**
 * The row as stored, or undefined when it cannot be: the stored row schema is the last word, so
 * a row the rules let through must also be storable. Absent answers are left out, not undefined.
 */
function storableRow(
  activityId: string,
  answers: RowAnswers & { readonly status: Status; readonly percentComplete: number },
): ProgressRow | undefined {
  const candidate = {
    activityId,
    status: answers.status,
    percentComplete: answers.percentComplete,
    ...(answers.metric !== undefined ? { metric: answers.metric } : {}),
    ...(answers.actual !== undefined ? { actual: answers.actual } : {}),
    ...(answers.target !== undefined ? { target: answers.target } : {}),
    ...(answers.nextMilestone !== undefined ? { nextMilestone: answers.nextMilestone } : {}),
    ...(answers.milestoneDue !== undefined ? { milestoneDue: answers.milestoneDue } : {}),
    ...(answers.accomplishments !== undefined ? { accomplishments: answers.accomplishments } : {}),
    ...(answers.risksAndIssues !== undefined ? { risksAndIssues: answers.risksAndIssues } : {}),
    ...(answers.mitigation !== undefined ? { mitigation: answers.mitigation } : {}),
    ...(answers.pointOfContact !== undefined ? { pointOfContact: answers.pointOfContact } : {}),
  };
  const parsed = progressRowSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
