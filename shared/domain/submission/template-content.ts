import type { Catalog, Office } from '../catalog/catalog';
import { InvalidInputError } from '../errors';
import { addMonths, type Period } from '../period';
import { type ProgressRow, STATUSES } from '../progress';
import type { Attestation } from './attestation';
import {
  type AttestationTemplateRow,
  attestationInstructions,
  attestationTemplateRows,
  type PreviousAttestation,
} from './attestation-template';
import {
  METADATA_KEYS,
  PROGRESS_COLUMNS,
  SHEETS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
} from './template-layout';

/** One Progress row of a template: the catalog's words, and last period's answers when there are some. */
export interface TemplateRow {
  readonly activityId: string;
  readonly goal: string;
  readonly objective: string;
  readonly keyActivity: string;
  readonly previous?: ProgressRow;
}

export interface InstructionLine {
  readonly text: string;
  readonly style: 'title' | 'heading' | 'body';
}

/** Everything a template workbook shows, decided here; the Excel adapter only lays it out. */
export interface TemplateContent {
  readonly office: Office;
  readonly period: Period;
  /** The last day to submit, YYYY-MM-DD. */
  readonly deadline: string;
  readonly fileName: string;
  readonly uploadPrefix: string;
  readonly generatedAt: Date;
  readonly metadata: readonly (readonly [string, string])[];
  readonly instructions: readonly InstructionLine[];
  readonly rows: readonly TemplateRow[];
  readonly prefilledFrom?: { readonly period: Period; readonly revision: number };
  /** The Attestation sheet's rows, pre-filled (but for the date) from the previous attestation. */
  readonly attestation: readonly AttestationTemplateRow[];
}

export interface TemplateInputs {
  readonly catalog: Catalog;
  readonly officeCode: string;
  readonly period: Period;
  readonly submissionDeadlineDay: number;
  readonly maxTextLength: number;
  readonly maxUploadBytes: number;
  readonly generatedAt: Date;
  /** Where workbooks are e-mailed (`mail.intakeAddress`); named in the instructions. */
  readonly intakeAddress?: string;
  /** The office's current revision of the previous period, if it has one. */
  readonly previous?: {
    readonly period: Period;
    readonly revision: number;
    readonly rows: readonly ProgressRow[];
    /** Its attestation, when it was accepted on a template that asked for one. */
    readonly attestation?: Attestation;
  };
}

const monthName = (period: Period) =>
  new Date(`${period}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * A template's content for one office and period: its rows (pre-filled with the office's
 * accepted answers of the previous period), its Instructions sheet's words and its hidden
 * Metadata, which is how a returned workbook proves what it is.
 */
export function buildTemplateContent(inputs: TemplateInputs): TemplateContent {
  const { catalog, period } = inputs;
  // 1. The office: a template for an unknown office is refused with the offices there are.
  const office = officeOf(catalog, inputs.officeCode);

  // 2. One row per key activity the office reports on, with last period's answers when there are some.
  const rows = templateRows(catalog, office, inputs.previous?.rows ?? []);
  const prefilledFrom =
    inputs.previous && rows.some((row) => row.previous !== undefined) ? inputs.previous : undefined;
  const deadline = `${addMonths(period, 1)}-${String(inputs.submissionDeadlineDay).padStart(2, '0')}`;
  const previousAttestation: PreviousAttestation | undefined = inputs.previous?.attestation
    ? { ...inputs.previous, attestation: inputs.previous.attestation }
    : undefined;

  // 3. The Instructions sheet, section by section, in the order a submitter reads it.
  const instructions: InstructionLine[] = [
    ...titleLines(inputs, office, deadline),
    ...whatToFillInLines(office, rows.length, prefilledFrom),
    ...columnLines(),
    ...ruleLines(inputs),
    ...attestationInstructions(previousAttestation).map(({ text, style }) => line(text, style)),
    ...howToSubmitLines(inputs.intakeAddress),
  ];

  // 4. The whole content; the hidden Metadata names what a returned workbook is checked against.
  return {
    office,
    period,
    deadline,
    fileName: `${office.code}-${period}.xlsx`,
    uploadPrefix: `uploads/${office.code}/${period}/`,
    generatedAt: inputs.generatedAt,
    metadata: templateMetadata(inputs, office),
    instructions,
    rows,
    attestation: attestationTemplateRows(previousAttestation),
    ...(prefilledFrom
      ? { prefilledFrom: { period: prefilledFrom.period, revision: prefilledFrom.revision } }
      : {}),
  };
}

function officeOf(catalog: Catalog, officeCode: string): Office {
  const office = catalog.office(officeCode);
  if (!office)
    throw new InvalidInputError({
      rule: 'office.unknown',
      message: `"${officeCode}" is not an office of catalog ${catalog.id} ${catalog.version}; offices: ${catalog.offices.map((entry) => entry.code).join(', ')}`,
    });
  return office;
}

/** The office's key activities in catalog order, each with its goal and objective spelled out. */
function templateRows(catalog: Catalog, office: Office, previousRows: readonly ProgressRow[]): TemplateRow[] {
  const previousByActivity = new Map(previousRows.map((row) => [row.activityId, row]));
  return catalog.activitiesOf(office.code).map((activity) => {
    const goal = catalog.goal(activity.goalId);
    const objective = catalog.objective(activity.objectiveId);
    const previous = previousByActivity.get(activity.id);
    return {
      activityId: activity.id,
      goal: `${activity.goalId} ${goal?.title ?? ''}`.trim(),
      objective: `${activity.objectiveId} ${objective?.title ?? ''}`.trim(),
      keyActivity: activity.text,
      ...(previous ? { previous } : {}),
    };
  });
}

const line = (text: string, style: InstructionLine['style'] = 'body'): InstructionLine => ({ text, style });

/** Whose template this is, for which month, from which catalog, and when it is due. */
function titleLines(inputs: TemplateInputs, office: Office, deadline: string): InstructionLine[] {
  const { catalog } = inputs;
  return [
    line(`${office.name} (${office.code}): progress for ${monthName(inputs.period)}`, 'title'),
    line(`${catalog.title} (catalog ${catalog.id} version ${catalog.version})`),
    line(`Due by ${deadline} (day ${inputs.submissionDeadlineDay} of the month after the reporting month).`),
  ];
}

/** Which cells to fill in, said in words and by column, not by colour alone. */
function whatToFillInLines(
  office: Office,
  rowCount: number,
  prefilledFrom: { readonly period: Period; readonly revision: number } | undefined,
): InstructionLine[] {
  const headers = (input: boolean) =>
    PROGRESS_COLUMNS.filter((column) => column.input === input)
      .map((column) => column.header)
      .join(', ');
  const firstInput = PROGRESS_COLUMNS.find((column) => column.input)?.header ?? '';
  return [
    line('What to fill in', 'heading'),
    line(
      `The ${SHEETS.progress} sheet has one row for each of the ${rowCount} key activities ${office.code} reports on. In every row, fill in the cells marked Input in the list of columns below: ${headers(true)}, the columns from ${firstInput} on (shaded yellow, and the only cells you can change). The columns before it, ${headers(false)}, come from the strategy catalog (shaded grey) and are locked.`,
    ),
    ...(prefilledFrom
      ? [
          line(
            `The Input cells are pre-filled with your accepted answers for ${prefilledFrom.period} (revision ${prefilledFrom.revision}): bring every row up to date.`,
          ),
        ]
      : []),
  ];
}

/** Every Progress column with what it holds and whether it can be changed. */
function columnLines(): InstructionLine[] {
  return [
    line('Columns', 'heading'),
    ...PROGRESS_COLUMNS.map((column) =>
      line(`${column.header} (${column.input ? 'Input' : 'from the catalog, locked'}): ${column.help}`),
    ),
  ];
}

/** The rules validate-submission.ts applies, in a submitter's words, before they are broken. */
function ruleLines(inputs: TemplateInputs): InstructionLine[] {
  const megabytes = Math.floor(inputs.maxUploadBytes / (1024 * 1024));
  return [
    line('Rules (a workbook that breaks one is returned with every problem marked)', 'heading'),
    line(`Every key activity row is present, once; do not add, delete or renumber rows.`),
    line(`Status is one of: ${STATUSES.join(', ')}. Capitals and extra spaces do not matter.`),
    line('Percent Complete is 0 to 100; Complete means 100.'),
    line('At Risk and Off Track need text in Risks and Issues and in Mitigation / Next Steps.'),
    line('Actual and Target are plain numbers; Milestone Due is a real date within ten years of the period.'),
    line(`Text cells hold at most ${inputs.maxTextLength} characters; spaces around text are removed.`),
    line(
      'Type values, not formulas: a formula is read as the result saved with the file and never calculated; error values such as #REF! are refused.',
    ),
    line(
      `Keep the sheet names, the header row and the hidden ${SHEETS.metadata} sheet; save as Excel Workbook (.xlsx), without a password, at most ${megabytes} MB.`,
    ),
  ];
}

/** How to send the workbook back and what answer to expect. */
function howToSubmitLines(intakeAddress: string | undefined): InstructionLine[] {
  return [
    line('How to submit', 'heading'),
    line(
      `Reply to the e-mail this workbook came with${intakeAddress ? ` (or write to ${intakeAddress})` : ''}, with the saved workbook attached. The workbook itself says which office and month it is for.`,
    ),
    line(
      'Within a minute you receive an answer in the same thread: a receipt (revision number and SHA-256 of your file), or every problem listed by row and column with a copy of your workbook with the bad cells marked.',
    ),
    line(
      'You may send it again as often as you need: each accepted workbook becomes the next revision and the latest one counts; earlier revisions are kept.',
    ),
  ];
}

/** The hidden Metadata sheet's pairs: what validate-submission.ts checks a returned workbook against. */
function templateMetadata(inputs: TemplateInputs, office: Office): (readonly [string, string])[] {
  return [
    [METADATA_KEYS.format, TEMPLATE_FORMAT],
    [METADATA_KEYS.templateVersion, TEMPLATE_VERSION],
    [METADATA_KEYS.catalogId, inputs.catalog.id],
    [METADATA_KEYS.catalogVersion, inputs.catalog.version],
    [METADATA_KEYS.office, office.code],
    [METADATA_KEYS.period, inputs.period],
    [METADATA_KEYS.generatedAt, inputs.generatedAt.toISOString()],
  ];
}
