import type { Catalog, Office } from '../catalog/catalog';
import { InvalidInputError } from '../errors';
import { addMonths, type Period } from '../period';
import { type ProgressRow, STATUSES } from '../progress';
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
  };
}

const monthName = (period: Period) =>
  new Date(`${period}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function buildTemplateContent(inputs: TemplateInputs): TemplateContent {
  const { catalog, period } = inputs;
  const office = catalog.office(inputs.officeCode);
  if (!office)
    throw new InvalidInputError({
      rule: 'office.unknown',
      message: `"${inputs.officeCode}" is not an office of catalog ${catalog.id} ${catalog.version}; offices: ${catalog.offices.map((entry) => entry.code).join(', ')}`,
    });
  const previousByActivity = new Map((inputs.previous?.rows ?? []).map((row) => [row.activityId, row]));
  const rows: TemplateRow[] = catalog.activitiesOf(office.code).map((activity) => {
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
  const prefilled = inputs.previous && rows.some((row) => row.previous !== undefined);
  const deadline = `${addMonths(period, 1)}-${String(inputs.submissionDeadlineDay).padStart(2, '0')}`;
  const uploadPrefix = `uploads/${office.code}/${period}/`;
  const fileName = `${office.code}-${period}.xlsx`;
  const megabytes = Math.floor(inputs.maxUploadBytes / (1024 * 1024));

  const line = (text: string, style: InstructionLine['style'] = 'body'): InstructionLine => ({ text, style });
  // Which cells to fill in is said in words and by column, not by colour alone.
  const inputHeaders = PROGRESS_COLUMNS.filter((column) => column.input)
    .map((column) => column.header)
    .join(', ');
  const catalogHeaders = PROGRESS_COLUMNS.filter((column) => !column.input)
    .map((column) => column.header)
    .join(', ');
  const firstInput = PROGRESS_COLUMNS.find((column) => column.input)?.header ?? '';
  const instructions: InstructionLine[] = [
    line(`${office.name} (${office.code}): progress for ${monthName(period)}`, 'title'),
    line(`${catalog.title} (catalog ${catalog.id} version ${catalog.version})`),
    line(`Due by ${deadline} (day ${inputs.submissionDeadlineDay} of the month after the reporting month).`),
    line('What to fill in', 'heading'),
    line(
      `The ${SHEETS.progress} sheet has one row for each of the ${rows.length} key activities ${office.code} reports on. In every row, fill in the cells marked Input in the list of columns below: ${inputHeaders}, the columns from ${firstInput} on (shaded yellow, and the only cells you can change). The columns before it, ${catalogHeaders}, come from the strategy catalog (shaded grey) and are locked.`,
    ),
    ...(prefilled && inputs.previous
      ? [
          line(
            `The Input cells are pre-filled with your accepted answers for ${inputs.previous.period} (revision ${inputs.previous.revision}): bring every row up to date.`,
          ),
        ]
      : []),
    line('Columns', 'heading'),
    ...PROGRESS_COLUMNS.map((column) =>
      line(`${column.header} (${column.input ? 'Input' : 'from the catalog, locked'}): ${column.help}`),
    ),
    line('Rules (a workbook that breaks one is returned with every problem marked)', 'heading'),
    line(`Every key activity row is present, once; do not add, delete or renumber rows.`),
    line(`Status is one of: ${STATUSES.join(', ')}. Capitals and extra spaces do not matter.`),
    line('Percent Complete is 0 to 100; Complete means 100.'),
    line('At Risk and Off Track need text in Risks and Issues.'),
    line('Actual and Target are plain numbers; Milestone Due is a real date within ten years of the period.'),
    line(`Text cells hold at most ${inputs.maxTextLength} characters; spaces around text are removed.`),
    line(
      'Type values, not formulas: a formula is read as the result saved with the file and never calculated; error values such as #REF! are refused.',
    ),
    line(
      `Keep the sheet names, the header row and the hidden ${SHEETS.metadata} sheet; save as Excel Workbook (.xlsx), without a password, at most ${megabytes} MB.`,
    ),
    line('How to submit', 'heading'),
    line(
      `Reply to the e-mail this workbook came with${inputs.intakeAddress ? ` (or write to ${inputs.intakeAddress})` : ''}, with the saved workbook attached. The workbook itself says which office and month it is for.`,
    ),
    line(
      'Within a minute you receive an answer in the same thread: a receipt (revision number and SHA-256 of your file), or every problem listed by row and column with a copy of your workbook with the bad cells marked.',
    ),
    line(
      'You may send it again as often as you need: each accepted workbook becomes the next revision and the latest one counts; earlier revisions are kept.',
    ),
  ];

  const metadata: (readonly [string, string])[] = [
    [METADATA_KEYS.format, TEMPLATE_FORMAT],
    [METADATA_KEYS.templateVersion, TEMPLATE_VERSION],
    [METADATA_KEYS.catalogId, catalog.id],
    [METADATA_KEYS.catalogVersion, catalog.version],
    [METADATA_KEYS.office, office.code],
    [METADATA_KEYS.period, period],
    [METADATA_KEYS.generatedAt, inputs.generatedAt.toISOString()],
  ];
  return {
    office,
    period,
    deadline,
    fileName,
    uploadPrefix,
    generatedAt: inputs.generatedAt,
    metadata,
    instructions,
    rows,
    ...(prefilled && inputs.previous
      ? { prefilledFrom: { period: inputs.previous.period, revision: inputs.previous.revision } }
      : {}),
  };
}
