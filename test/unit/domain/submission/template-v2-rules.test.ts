import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import { ATTESTATION_FIELDS } from '../../../../shared/domain/submission/attestation';
import { validateSubmission } from '../../../../shared/domain/submission/validate-submission';
import {
  attestationRows,
  catalog,
  date,
  headerRow,
  metadataFor,
  type RowCells,
  submittedWorkbook,
  text,
} from '../../../support/submitted-workbooks';

const context = (grace: { graceUntil?: string; receivedOn?: string } = {}) => ({
  catalog,
  office: 'OFO',
  period: parsePeriod('2026-10'),
  file: 'ofo.xlsx',
  maxTextLength: 4000,
  templateGrace: grace,
});
const lines = (result: ReturnType<typeof validateSubmission>) => result.problems.map(formatProblem);
const [first, second] = catalog.activitiesOf('OFO').map((activity) => activity.id) as [string, string];

/** A workbook of template version 1: no Mitigation / Next Steps column, no Attestation sheet. */
function versionOneWorkbook(edit?: (activityId: string, cells: RowCells) => RowCells | undefined) {
  const header = headerRow();
  const cells = new Map(
    [...header.cells].filter(([, cell]) => cell.kind !== 'text' || !cell.text.startsWith('Mitigation')),
  );
  return submittedWorkbook('OFO', '2026-10', {
    header: { rowNumber: 1, cells },
    metadata: metadataFor('OFO', '2026-10', { templateVersion: '1' }),
    attestationRows: undefined,
    sheetNames: ['Instructions', 'Progress', 'Metadata'],
    ...(edit ? { edit } : {}),
  });
}

describe('template version 2: Mitigation / Next Steps', () => {
  it('is required for At Risk and Off Track, naming the file, sheet, row and column', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        edit: (id, cells) => {
          if (id === first)
            return { ...cells, status: text('At Risk'), risksAndIssues: text('vendor protest') };
          if (id === second)
            return {
              ...cells,
              status: text('Off Track'),
              risksAndIssues: text('no funding'),
              mitigation: text('   '),
            };
          return cells;
        },
      }),
      context(),
    );
    expect(lines(result)).toEqual([
      'ofo.xlsx, sheet Progress, row 2, column Mitigation / Next Steps: the status is At Risk: say what is being done about it and the next steps (Mitigation / Next Steps) [mitigation.required]',
      'ofo.xlsx, sheet Progress, row 3, column Mitigation / Next Steps: the status is Off Track: say what is being done about it and the next steps (Mitigation / Next Steps) [mitigation.required]',
    ]);
    expect(result.rows).toEqual([]);
  });

  it('is kept with the row, and not asked of other statuses', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        edit: (id, cells) =>
          id === first
            ? {
                ...cells,
                status: text('At Risk'),
                risksAndIssues: text('protest'),
                mitigation: text('re-award in May'),
              }
            : cells,
      }),
      context(),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ status: 'At Risk', mitigation: 're-award in May' });
    expect(result.rows[1]).not.toHaveProperty('mitigation');
  });
});

describe('template version 2: the attestation', () => {
  it('rejects a blank or missing field, one problem per field, each with its row and column', () => {
    const rows = attestationRows('2026-10', { approvedByEmail: undefined, verification: text('  ') });
    const withoutSources = rows.filter(
      (row) =>
        row.cells.get(1)?.kind !== 'text' ||
        (row.cells.get(1) as { text: string }).text !== 'Sources of the data',
    );
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { attestationRows: withoutSources }),
      context(),
    );
    const approvedRow = 2 + ATTESTATION_FIELDS.findIndex((field) => field.key === 'approvedByEmail');
    const verificationRow = 2 + ATTESTATION_FIELDS.findIndex((field) => field.key === 'verification');
    expect(lines(result)).toEqual([
      `ofo.xlsx, sheet Attestation, row ${approvedRow}, column Answer: "Approved by: e-mail" is blank: Their e-mail address. [attestation.missing-field]`,
      `ofo.xlsx, sheet Attestation, row ${verificationRow}, column Answer: "How the data are verified and validated" is blank: 31 U.S.C. 1115(b)(8)(A): the means used to verify and validate the values reported, e.g. a second person checks each figure against the system of record. [attestation.missing-field]`,
      'ofo.xlsx, sheet Attestation, column Item: the "Sources of the data" row is missing: put it back (or download a new template) and answer it [attestation.missing-field]',
    ]);
    expect(result.rows).toEqual([]);
    expect(result.attestation).toBeUndefined();
  });

  it('rejects a workbook without the Attestation sheet, a date from an earlier period and a bad address', () => {
    const noSheet = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { attestationRows: undefined }),
      context(),
    );
    expect(noSheet.problems.map((problem) => problem.rule)).toEqual(['attestation.missing-sheet']);
    expect(lines(noSheet)[0]).toContain('ofo.xlsx: the workbook has no "Attestation" sheet');

    const stale = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        attestation: { date: date('2026-09-30'), preparedByEmail: text('pat at agency') },
      }),
      context(),
    );
    expect(lines(stale)).toEqual([
      'ofo.xlsx, sheet Attestation, row 4, column Answer: "pat at agency" is not an e-mail address such as name@agency.gov [contact.invalid-email]',
      "ofo.xlsx, sheet Attestation, row 8, column Answer: the attestation is dated 2026-09-30, before the reporting period 2026-10: enter the day this period's data was checked (2026-10-01 or later) [attestation.date-range]",
    ]);
    const typo = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { attestation: { date: text('2062-10-28') } }),
      context(),
    );
    expect(typo.problems.map((problem) => problem.rule)).toEqual(['date.range']);
    const later = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { attestation: { date: text('2027-12-01') } }),
      context(),
    );
    expect(lines(later)).toEqual([
      'ofo.xlsx, sheet Attestation, row 8, column Answer: the attestation is dated 2027-12-01, more than 12 months after the reporting period 2026-10: check the year [attestation.date-range]',
    ]);
  });

  it('finds fields by their label wherever their rows are', () => {
    const [header, ...rows] = attestationRows('2026-10');
    const moved = [header, ...rows.reverse()].map((row, index) => ({ ...row, rowNumber: index + 1 }));
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { attestationRows: moved as typeof rows }),
      context(),
    );
    expect(result.problems).toEqual([]);
    expect(result.attestation?.approvedBy.email).toBe('dana.director@agency.example');
  });

  it('does not ask a workbook that is no template at all for its attestation', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { metadata: undefined, attestationRows: undefined }),
      context(),
    );
    expect(result.problems.map((problem) => problem.rule)).toEqual(['metadata.missing']);
  });
});

describe('template version 1 and the grace period', () => {
  it('is accepted with a warning up to and including the last day of the grace period, by its own rules', () => {
    const atRisk = versionOneWorkbook((id, cells) =>
      id === first ? { ...cells, status: text('At Risk'), risksAndIssues: text('protest') } : cells,
    );
    const result = validateSubmission(
      atRisk,
      context({ graceUntil: '2026-12-31', receivedOn: '2026-12-31' }),
    );
    expect(result.problems).toEqual([]);
    expect(result.templateVersion).toBe('1');
    expect(result.attestation).toBeUndefined();
    expect(result.rows[0]).toMatchObject({ status: 'At Risk', risksAndIssues: 'protest' });
    expect(result.warnings.map(formatProblem)).toEqual([
      'ofo.xlsx: this workbook is on template version 1, accepted until 2026-12-31: download the new template (version 2) for your next submission — it adds the Mitigation / Next Steps column and the Attestation sheet, which will then be required [template.previous-version]',
    ]);
  });

  it('is refused after the grace period, or when none is configured, saying to download the new template', () => {
    const after = validateSubmission(
      versionOneWorkbook(),
      context({ graceUntil: '2026-12-31', receivedOn: '2027-01-01' }),
    );
    expect(lines(after)).toEqual([
      'ofo.xlsx: template version 1 is no longer accepted (its grace period ended on 2026-12-31): download the new template (version 2), which adds the Mitigation / Next Steps column and the Attestation sheet, and enter your answers in it [template.previous-version-expired]',
    ]);
    expect(after.rows).toEqual([]);
    expect(after.warnings).toEqual([]);
    const none = validateSubmission(versionOneWorkbook(), context({ receivedOn: '2026-11-05' }));
    expect(none.problems.map((problem) => problem.rule)).toEqual(['template.previous-version-expired']);
  });
});
