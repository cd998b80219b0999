/**
 * The layout of an office's progress workbook: the contract between the template the CLI writes
 * and the ingest that reads it back. Column headers are matched by name (case and spacing do not
 * matter), so a submitter may reorder or widen columns without breaking their file.
 */

/**
 * Bump when the layout changes. Version 2 added the Mitigation / Next Steps column and the
 * Attestation sheet; workbooks of the previous version are accepted during the configured grace
 * period only (template-versions.ts).
 */
export const TEMPLATE_VERSION = '2';
/** Written into every template's metadata so a stray workbook is recognised as not ours. */
export const TEMPLATE_FORMAT = 'strategy-report-progress';

export const SHEETS = {
  instructions: 'Instructions',
  progress: 'Progress',
  /** Hidden (veryHidden in templates; LibreOffice re-saves it as hidden): key/value pairs. */
  metadata: 'Metadata',
  /** Template version 2: who prepared and approved the data, and how its quality is assured. */
  attestation: 'Attestation',
  /** Added to annotated copies of rejected workbooks; ignored when a fixed copy is resubmitted. */
  errors: 'Errors',
} as const;

export const METADATA_KEYS = {
  format: 'format',
  templateVersion: 'templateVersion',
  catalogId: 'catalogId',
  catalogVersion: 'catalogVersion',
  office: 'office',
  period: 'period',
  generatedAt: 'generatedAt',
} as const;

export type ColumnKey =
  | 'activityId'
  | 'goal'
  | 'objective'
  | 'keyActivity'
  | 'status'
  | 'percentComplete'
  | 'metric'
  | 'actual'
  | 'target'
  | 'nextMilestone'
  | 'milestoneDue'
  | 'accomplishments'
  | 'risksAndIssues'
  | 'mitigation'
  | 'pointOfContact';

export type ColumnKind = 'catalog' | 'list' | 'percent' | 'text' | 'number' | 'date' | 'email';

export interface ColumnDefinition {
  readonly key: ColumnKey;
  readonly header: string;
  readonly kind: ColumnKind;
  /** Catalog columns are filled in by the template and locked; the rest are the office's to fill. */
  readonly input: boolean;
  /** Needed in a submitted workbook: without it the rows cannot be read. */
  readonly required: boolean;
  /** Width in characters, chosen to fit typical content with wrapping. */
  readonly width: number;
  /** What to type, shown on the Instructions sheet and as the cell's input prompt. */
  readonly help: string;
}

export const PROGRESS_COLUMNS: readonly ColumnDefinition[] = [
  {
    key: 'activityId',
    header: 'Activity ID',
    kind: 'catalog',
    input: false,
    required: true,
    width: 11,
    help: 'The key activity, from the strategy catalog. Do not change it.',
  },
  {
    key: 'goal',
    header: 'Goal',
    kind: 'catalog',
    input: false,
    required: false,
    width: 24,
    help: 'The goal the activity serves (for reference).',
  },
  {
    key: 'objective',
    header: 'Objective',
    kind: 'catalog',
    input: false,
    required: false,
    width: 28,
    help: 'The objective the activity serves (for reference).',
  },
  {
    key: 'keyActivity',
    header: 'Key Activity',
    kind: 'catalog',
    input: false,
    required: false,
    width: 60,
    help: 'What the strategy says the activity is (for reference).',
  },
  {
    key: 'status',
    header: 'Status',
    kind: 'list',
    input: true,
    required: true,
    width: 13,
    help: 'Required. One of: Not Started, On Track, At Risk, Off Track, Complete.',
  },
  {
    key: 'percentComplete',
    header: 'Percent Complete',
    kind: 'percent',
    input: true,
    required: true,
    width: 11,
    help: 'Required. 0 to 100 (45, 45% and 0.45 formatted as a percentage all mean 45). Complete means 100.',
  },
  {
    key: 'metric',
    header: 'Metric',
    kind: 'text',
    input: true,
    required: false,
    width: 24,
    help: 'Optional. What you measure progress by, e.g. "ports with biometric exit".',
  },
  {
    key: 'actual',
    header: 'Actual',
    kind: 'number',
    input: true,
    required: false,
    width: 10,
    help: 'Optional. The measured value this period (a number).',
  },
  {
    key: 'target',
    header: 'Target',
    kind: 'number',
    input: true,
    required: false,
    width: 10,
    help: 'Optional. The value you aim for (a number).',
  },
  {
    key: 'nextMilestone',
    header: 'Next Milestone',
    kind: 'text',
    input: true,
    required: false,
    width: 28,
    help: 'Optional. The next step you expect to finish.',
  },
  {
    key: 'milestoneDue',
    header: 'Milestone Due',
    kind: 'date',
    input: true,
    required: false,
    width: 13,
    help: 'Optional. A date (YYYY-MM-DD), within ten years of the reporting period.',
  },
  {
    key: 'accomplishments',
    header: 'Accomplishments',
    kind: 'text',
    input: true,
    required: false,
    width: 40,
    help: 'Optional. What was done this period.',
  },
  {
    key: 'risksAndIssues',
    header: 'Risks and Issues',
    kind: 'text',
    input: true,
    required: false,
    width: 40,
    help: 'Required when the status is At Risk or Off Track: what is wrong and what you need.',
  },
  {
    key: 'mitigation',
    header: 'Mitigation / Next Steps',
    kind: 'text',
    input: true,
    required: false,
    width: 40,
    help: 'Required when the status is At Risk or Off Track: what you are doing about it, and the next steps with their dates.',
  },
  {
    key: 'pointOfContact',
    header: 'Point of Contact',
    kind: 'email',
    input: true,
    required: false,
    width: 30,
    help: 'Optional. An e-mail address; the receipt goes to the first one given.',
  },
];

/** Header text as compared: lower case, single spaces, no surrounding blanks. */
export function normalizeHeader(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Names that must never become property names anywhere (prototype pollution). */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedName(text: string): boolean {
  return RESERVED_NAMES.has(text.trim().toLowerCase());
}
