import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../shared/domain/period';
import { ATTESTATION_FIELDS } from '../../shared/domain/submission/attestation';
import { generateTemplate } from '../../shared/use-cases/generate-template';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { templateFor } from '../support/templates';
import { defaultAnswers, editWorkbook, fillTemplate, setProgressCell } from '../support/workbooks';

/*
 * Issue 16, items 3 and 4 through the real ingest handler on the embedded servers: the
 * attestation and Mitigation / Next Steps rules, the previous template version's grace period,
 * and rows marked unchanged against the previous period — each answer read back from the e-mail
 * with mailparser (the product writes mail with nodemailer).
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/workbooks/${name}`, import.meta.url));
const rowOfField = (key: string) => 2 + ATTESTATION_FIELDS.findIndex((field) => field.key === key);
/** Where each office's answers go (no Point of Contact here is a listed submitter). */
const mail = {
  officeContacts: {
    OT: 'ot.desk@agency.example',
    ES: 'es.desk@agency.example',
    OFO: 'ofo.desk@agency.example',
  },
};

describe('template version 2 at the ingest', () => {
  let harness: IngestHarness;
  beforeAll(async () => {
    harness = await openIngestHarness({ config: { mail } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('rejects an unattested workbook naming the rule, one problem per field, and stores nothing', async () => {
    const before = await harness.progressState('OT', '2026-10');
    const unattested = await fillTemplate(await templateFor('OT', '2026-10'), defaultAnswers, false);
    const { outcome } = await harness.submit('OT', '2026-10', 'OT-2026-10.xlsx', unattested);
    if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
    expect(
      outcome.problems.map((problem) => [problem.rule, problem.sheet, problem.row, problem.column]),
    ).toEqual(
      ATTESTATION_FIELDS.map((field) => [
        'attestation.missing-field',
        'Attestation',
        rowOfField(field.key),
        'Answer',
      ]),
    );
    expect(await harness.progressState('OT', '2026-10')).toEqual(before);
    const mail = (await harness.mail()).at(-1);
    expect(mail?.subject).toBe('Rejected: OT progress for 2026-10 (12 problems)');
    expect(mail?.text).toContain(
      `- sheet Attestation, row ${rowOfField('approvedByName')}, column Answer: "Approved by: name" is blank: The official who approved the data for release (the office head or their delegate). [attestation.missing-field]`,
    );
    // The marked-up copy carries the Attestation sheet with the blank answers marked.
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(mail?.attachments[0]?.content as unknown as ArrayBuffer);
    const cell = copy.getWorksheet('Attestation')?.getRow(rowOfField('date')).getCell(2);
    expect(String(cell?.note)).toContain('[attestation.missing-field]');
  });

  it('rejects an At Risk row without Mitigation / Next Steps, naming file, sheet, row and column', async () => {
    const before = await harness.progressState('OT', '2026-10');
    const bytes = await editWorkbook(await fillTemplate(await templateFor('OT', '2026-10')), (workbook) => {
      setProgressCell(workbook, 3, 'status', 'At Risk');
      setProgressCell(workbook, 3, 'risksAndIssues', 'the contract protest is not resolved');
    });
    const { outcome } = await harness.submit('OT', '2026-10', 'OT-at-risk.xlsx', bytes);
    if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
    expect(outcome.problems).toEqual([
      {
        rule: 'mitigation.required',
        file: 'OT-at-risk.xlsx',
        sheet: 'Progress',
        row: 3,
        column: 'Mitigation / Next Steps',
        message:
          'the status is At Risk: say what is being done about it and the next steps (Mitigation / Next Steps)',
      },
    ]);
    expect(await harness.progressState('OT', '2026-10')).toEqual(before);
    expect((await harness.mail()).at(-1)?.text).toContain(
      '- sheet Progress, row 3, column Mitigation / Next Steps: the status is At Risk: say what is being done about it and the next steps (Mitigation / Next Steps) [mitigation.required]',
    );
  });

  it('marks an unchanged re-submission unchanged, row by row, and lists its rows in the receipt', async () => {
    const september = await fillTemplate(await templateFor('ES', '2026-09'));
    expect((await harness.submit('ES', '2026-09', 'ES-2026-09.xlsx', september)).outcome.kind).toBe(
      'accepted',
    );
    const template = await generateTemplate(
      { office: 'ES', period: parsePeriod('2026-10') },
      harness.dependencies,
    );
    // Only the first row is brought up to date; the date of attestation is entered, as it must be.
    const october = await fillTemplate(
      template.bytes,
      (_id, index) => (index === 0 ? { percentComplete: 77 } : {}),
      { date: new Date(Date.UTC(2026, 10, 4)) },
    );
    const { outcome } = await harness.submit('ES', '2026-10', 'ES-2026-10.xlsx', october);
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const rows = await harness.dependencies.progress.rows('ES', parsePeriod('2026-10'), outcome.revision);
    expect(rows.map((row) => row.unchanged)).toEqual(rows.map((_row, index) => index !== 0));
    const current = await harness.dependencies.progress.currentRevision('ES', parsePeriod('2026-10'));
    expect(current).toMatchObject({
      comparedWith: { period: '2026-09', revision: 1 },
      unchangedRows: rows.length - 1,
    });
    expect(outcome.unchanged).toEqual(rows.slice(1).map((row) => row.activityId));

    const receipt = (await harness.mail()).at(-1);
    expect(receipt?.subject).toBe('Accepted: ES progress for 2026-10 (revision 1)');
    expect(receipt?.text).toContain(
      `Unchanged since 2026-09: ${rows.length - 1} of ${rows.length} rows have exactly the answers of your 2026-09 revision 1:`,
    );
    expect(receipt?.text).toContain(`- ${rows[1]?.activityId} (row 3)`);
    expect(receipt?.text).not.toContain(`- ${rows[0]?.activityId} (row 2)`);
    expect(receipt?.text).toContain('If that is right, nothing to do.');
  });
});

describe('the previous template version (1) and its grace period', () => {
  it('is accepted with a warning in the receipt up to the last day of the grace period', async () => {
    const harness = await openIngestHarness({
      config: { mail, submissions: { previousTemplateGraceUntil: '2099-12-31' } },
    });
    try {
      const { outcome } = await harness.submit(
        'OFO',
        '2026-10',
        'OFO-v1.xlsx',
        fixture('OFO-2026-10-v1-libreoffice-resaved.xlsx'),
      );
      expect(outcome).toMatchObject({ kind: 'accepted', revision: 1, rows: 22 });
      const current = await harness.dependencies.progress.currentRevision('OFO', parsePeriod('2026-10'));
      expect(current?.templateVersion).toBe('1');
      expect(current?.attestation).toBeUndefined();
      const receipt = (await harness.mail()).at(-1);
      expect(receipt?.subject).toBe('Accepted: OFO progress for 2026-10 (revision 1)');
      expect(receipt?.text).toContain(
        'Warning:\n- this workbook is on template version 1, accepted until 2099-12-31: download the new template (version 2) for your next submission — it adds the Mitigation / Next Steps column and the Attestation sheet, which will then be required [template.previous-version]',
      );
    } finally {
      await harness.close();
    }
  });

  it('is rejected after it, telling the office to download the new template, and stores nothing', async () => {
    const harness = await openIngestHarness({
      config: { mail, submissions: { previousTemplateGraceUntil: '2026-01-31' } },
    });
    try {
      const before = await harness.progressState('OFO', '2026-10');
      const { outcome } = await harness.submit(
        'OFO',
        '2026-10',
        'OFO-v1.xlsx',
        fixture('OFO-2026-10-v1-libreoffice-resaved.xlsx'),
      );
      if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
      expect(outcome.problems.map((problem) => problem.rule)).toEqual(['template.previous-version-expired']);
      expect(await harness.progressState('OFO', '2026-10')).toEqual(before);
      expect((await harness.mail()).at(-1)?.text).toContain(
        '- template version 1 is no longer accepted (its grace period ended on 2026-01-31): download the new template (version 2), which adds the Mitigation / Next Steps column and the Attestation sheet, and enter your answers in it [template.previous-version-expired]',
      );
    } finally {
      await harness.close();
    }
  });
});
