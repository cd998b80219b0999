import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/period';
import { ATTESTATION_FIELDS } from '../../../../shared/domain/submission/attestation';
import { buildTemplateContent } from '../../../../shared/domain/submission/template-content';
import { catalog } from '../../../support/submitted-workbooks';
import { defaultAttestation } from '../../../support/workbooks';

const inputs = {
  catalog,
  officeCode: 'OS',
  period: parsePeriod('2026-12'),
  submissionDeadlineDay: 10,
  maxTextLength: 4000,
  maxUploadBytes: 10 * 1024 * 1024,
  generatedAt: new Date('2026-12-01T12:00:00Z'),
};

describe("a template's attestation", () => {
  it('is blank, every field listed, when the office has no earlier attestation', () => {
    const content = buildTemplateContent(inputs);
    expect(content.attestation.map((row) => row.field.key)).toEqual(
      ATTESTATION_FIELDS.map((field) => field.key),
    );
    expect(content.attestation.every((row) => row.value === undefined)).toBe(true);
    const text = content.instructions.map((line) => line.text).join('\n');
    expect(text).toContain('a workbook without a complete attestation is returned');
    expect(text).toContain(
      'At Risk and Off Track need text in Risks and Issues and in Mitigation / Next Steps.',
    );
    expect(text).not.toContain('pre-filled from your attestation');
  });

  it("is pre-filled from the previous period's attestation, all but the date", () => {
    const attestation = defaultAttestation('2026-11');
    const content = buildTemplateContent({
      ...inputs,
      previous: { period: parsePeriod('2026-11'), revision: 2, rows: [], attestation },
    });
    const values = Object.fromEntries(content.attestation.map((row) => [row.field.key, row.value]));
    expect(values).toEqual({
      preparedByName: 'Pat Analyst',
      preparedByTitle: 'Program analyst',
      preparedByEmail: 'pat.analyst@agency.example',
      approvedByName: 'Dana Director',
      approvedByTitle: 'Deputy director',
      approvedByEmail: 'dana.director@agency.example',
      date: undefined,
      verification: attestation.dataQuality.verification,
      sources: attestation.dataQuality.sources,
      accuracy: attestation.dataQuality.accuracy,
      limitations: attestation.dataQuality.limitations,
      compensation: attestation.dataQuality.compensation,
    });
    expect(content.instructions.map((line) => line.text).join('\n')).toContain(
      'pre-filled from your attestation for 2026-11 (revision 2): check them, change what is no longer true, and enter the date of attestation, which is never pre-filled',
    );
  });
});
