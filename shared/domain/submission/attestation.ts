import { z } from 'zod';

/**
 * The attestation an office gives with each submission (template version 2): who prepared the
 * data and who approved it, when it was checked, and the five things 31 U.S.C. §1115(b)(8) asks
 * an agency to say about the accuracy and reliability of its performance data. Stored with the
 * revision it came with (RevisionRecord.attestation) and copied into the rollup snapshot's inputs,
 * where the quarterly review's data-quality appendix reads it.
 */
const person = z.object({ name: z.string(), title: z.string(), email: z.string() });

export const attestationSchema = z.object({
  preparedBy: person,
  approvedBy: person,
  /** The day the data was checked, YYYY-MM-DD: entered anew every period, never pre-filled. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** §1115(b)(8)(A)–(E), in the office's words. */
  dataQuality: z.object({
    /** (A) the means used to verify and validate the measured values. */
    verification: z.string(),
    /** (B) the sources of the data. */
    sources: z.string(),
    /** (C) the level of accuracy required for the intended use of the data. */
    accuracy: z.string(),
    /** (D) any limitations of the data at the required level of accuracy. */
    limitations: z.string(),
    /** (E) how the limitations are compensated for, where needed. */
    compensation: z.string(),
  }),
});
export type Attestation = z.infer<typeof attestationSchema>;

export type AttestationFieldKey =
  | 'preparedByName'
  | 'preparedByTitle'
  | 'preparedByEmail'
  | 'approvedByName'
  | 'approvedByTitle'
  | 'approvedByEmail'
  | 'date'
  | 'verification'
  | 'sources'
  | 'accuracy'
  | 'limitations'
  | 'compensation';

export interface AttestationField {
  readonly key: AttestationFieldKey;
  /** The text of the field's row on the Attestation sheet (locked): how the reader finds its answer. */
  readonly label: string;
  readonly kind: 'text' | 'email' | 'date';
  /** What to write, shown beside the answer cell and on the Instructions sheet. */
  readonly help: string;
}

/** The Attestation sheet's header row: fields are found by their label, answers by this header. */
export const ATTESTATION_HEADERS = {
  item: 'Item',
  answer: 'Answer',
  help: 'What to write',
} as const;

export const ATTESTATION_FIELDS: readonly AttestationField[] = [
  {
    key: 'preparedByName',
    label: 'Prepared by: name',
    kind: 'text',
    help: 'The person who compiled this workbook.',
  },
  { key: 'preparedByTitle', label: 'Prepared by: title', kind: 'text', help: 'Their job title.' },
  {
    key: 'preparedByEmail',
    label: 'Prepared by: e-mail',
    kind: 'email',
    help: 'Their e-mail address, e.g. name@agency.gov.',
  },
  {
    key: 'approvedByName',
    label: 'Approved by: name',
    kind: 'text',
    help: 'The official who approved the data for release (the office head or their delegate).',
  },
  { key: 'approvedByTitle', label: 'Approved by: title', kind: 'text', help: 'Their job title.' },
  {
    key: 'approvedByEmail',
    label: 'Approved by: e-mail',
    kind: 'email',
    help: 'Their e-mail address.',
  },
  {
    key: 'date',
    label: 'Date of attestation',
    kind: 'date',
    help: 'The day this period’s data was checked and approved (YYYY-MM-DD), on or after the first day of the reporting period. Never pre-filled: enter it every period.',
  },
  {
    key: 'verification',
    label: 'How the data are verified and validated',
    kind: 'text',
    help: '31 U.S.C. 1115(b)(8)(A): the means used to verify and validate the values reported, e.g. a second person checks each figure against the system of record.',
  },
  {
    key: 'sources',
    label: 'Sources of the data',
    kind: 'text',
    help: '1115(b)(8)(B): where the figures come from (systems, reports, offices).',
  },
  {
    key: 'accuracy',
    label: 'Accuracy required',
    kind: 'text',
    help: '1115(b)(8)(C): the level of accuracy the figures need for their use, e.g. percent complete within 5 points.',
  },
  {
    key: 'limitations',
    label: 'Limitations of the data',
    kind: 'text',
    help: '1115(b)(8)(D): any limitations of the data at that accuracy; write "None known" if there are none.',
  },
  {
    key: 'compensation',
    label: 'How the limitations are compensated',
    kind: 'text',
    help: '1115(b)(8)(E): how the limitations are made up for where needed; write "Not needed" if there are none.',
  },
];

/** An attestation's answers by field key, as the Attestation sheet shows them. */
export function attestationAnswers(attestation: Attestation): ReadonlyMap<AttestationFieldKey, string> {
  const { preparedBy, approvedBy, dataQuality } = attestation;
  return new Map<AttestationFieldKey, string>([
    ['preparedByName', preparedBy.name],
    ['preparedByTitle', preparedBy.title],
    ['preparedByEmail', preparedBy.email],
    ['approvedByName', approvedBy.name],
    ['approvedByTitle', approvedBy.title],
    ['approvedByEmail', approvedBy.email],
    ['date', attestation.date],
    ['verification', dataQuality.verification],
    ['sources', dataQuality.sources],
    ['accuracy', dataQuality.accuracy],
    ['limitations', dataQuality.limitations],
    ['compensation', dataQuality.compensation],
  ]);
}

/** The attestation of a complete set of answers (every field present). */
export function attestationOf(answers: ReadonlyMap<AttestationFieldKey, string>): Attestation {
  const get = (key: AttestationFieldKey) => answers.get(key) ?? '';
  return attestationSchema.parse({
    preparedBy: { name: get('preparedByName'), title: get('preparedByTitle'), email: get('preparedByEmail') },
    approvedBy: { name: get('approvedByName'), title: get('approvedByTitle'), email: get('approvedByEmail') },
    date: get('date'),
    dataQuality: {
      verification: get('verification'),
      sources: get('sources'),
      accuracy: get('accuracy'),
      limitations: get('limitations'),
      compensation: get('compensation'),
    },
  });
}

/** How long after its period an attestation may be dated: a later date is taken for a typo. */
export const ATTESTATION_WINDOW_MONTHS = 12;
