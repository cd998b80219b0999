import type { Period } from '../period';
import {
  ATTESTATION_FIELDS,
  type Attestation,
  type AttestationField,
  attestationAnswers,
} from './attestation';
import { SHEETS } from './template-layout';

/** One row of a template's Attestation sheet: the field, and its pre-filled answer when there is one. */
export interface AttestationTemplateRow {
  readonly field: AttestationField;
  readonly value?: string;
}

/** The previous period's accepted revision, when it carried an attestation. */
export interface PreviousAttestation {
  readonly period: Period;
  readonly revision: number;
  readonly attestation: Attestation;
}

/**
 * The Attestation sheet's rows: pre-filled from the office's previous accepted attestation (the
 * answers rarely change month to month), except the date, which is always left blank. A date
 * carried over would attest to a check nobody made this period; typing it is the confirmation.
 */
export function attestationTemplateRows(previous: PreviousAttestation | undefined): AttestationTemplateRow[] {
  const answers = previous ? attestationAnswers(previous.attestation) : undefined;
  return ATTESTATION_FIELDS.map((field) => {
    const value = field.key === 'date' ? undefined : answers?.get(field.key);
    return value === undefined || value === '' ? { field } : { field, value };
  });
}

/** The Instructions sheet's paragraph on the attestation. */
export function attestationInstructions(
  previous: PreviousAttestation | undefined,
): readonly { text: string; style: 'heading' | 'body' }[] {
  return [
    { text: 'Attestation', style: 'heading' },
    {
      text: `The ${SHEETS.attestation} sheet says who prepared and who approved this data, on what date, and how its quality is assured (the five points of 31 U.S.C. 1115(b)(8)). Every answer is required: a workbook without a complete attestation is returned.`,
      style: 'body',
    },
    ...(previous
      ? [
          {
            text: `Its answers are pre-filled from your attestation for ${previous.period} (revision ${previous.revision}): check them, change what is no longer true, and enter the date of attestation, which is never pre-filled.`,
            style: 'body' as const,
          },
        ]
      : []),
    ...ATTESTATION_FIELDS.map((field) => ({ text: `${field.label}: ${field.help}`, style: 'body' as const })),
  ];
}
