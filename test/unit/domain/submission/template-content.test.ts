import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import { buildTemplateContent } from '../../../../shared/domain/submission/template-content';
import { catalog } from '../../../support/submitted-workbooks';

const inputs = {
  catalog,
  officeCode: 'AMO',
  period: parsePeriod('2026-12'),
  submissionDeadlineDay: 7,
  maxTextLength: 4000,
  maxUploadBytes: 10 * 1024 * 1024,
  generatedAt: new Date('2026-12-01T12:00:00Z'),
};

describe('buildTemplateContent', () => {
  it('has one row per activity the office owns, with catalog words, and the metadata', () => {
    const content = buildTemplateContent(inputs);
    expect(content.rows.map((row) => row.activityId)).toEqual(catalog.activitiesOf('AMO').map((a) => a.id));
    const first = content.rows[0];
    const activity = catalog.keyActivity(first?.activityId ?? '');
    expect(first?.keyActivity).toBe(activity?.text);
    expect(first?.objective).toBe(
      `${activity?.objectiveId} ${catalog.objective(activity?.objectiveId ?? '')?.title}`,
    );
    expect(Object.fromEntries(content.metadata)).toEqual({
      format: 'strategy-report-progress',
      templateVersion: '1',
      catalogId: catalog.id,
      catalogVersion: catalog.version,
      office: 'AMO',
      period: '2026-12',
      generatedAt: '2026-12-01T12:00:00.000Z',
    });
  });

  it('names the deadline (the configured day of the next month) and how to send it back, with no bucket or key', () => {
    const content = buildTemplateContent({ ...inputs, intakeAddress: 'submissions@agency.example' });
    expect(content.deadline).toBe('2027-01-07');
    expect(content.fileName).toBe('AMO-2026-12.xlsx');
    expect(content.uploadPrefix).toBe('uploads/AMO/2026-12/');
    const text = content.instructions.map((line) => line.text).join('\n');
    expect(text).toContain('Due by 2027-01-07');
    expect(text).toContain(
      'Reply to the e-mail this workbook came with (or write to submissions@agency.example)',
    );
    expect(text).not.toContain('uploads/');
    expect(text).not.toContain('bucket');
    expect(text).toContain('Complete means 100');
    expect(text).toContain('at most 10 MB');
  });

  it('pre-fills last period answers for activities still owned', () => {
    const [first] = catalog.activitiesOf('AMO');
    const content = buildTemplateContent({
      ...inputs,
      previous: {
        period: parsePeriod('2026-11'),
        revision: 3,
        rows: [
          { activityId: first?.id ?? '', status: 'At Risk', percentComplete: 40, risksAndIssues: 'weather' },
          { activityId: '1.1.1', status: 'On Track', percentComplete: 5 },
        ],
      },
    });
    expect(content.prefilledFrom).toEqual({ period: '2026-11', revision: 3 });
    expect(content.rows[0]?.previous).toMatchObject({ status: 'At Risk', risksAndIssues: 'weather' });
    expect(content.rows.filter((row) => row.previous)).toHaveLength(1);
    expect(content.instructions.map((line) => line.text).join('\n')).toContain(
      'pre-filled with your accepted answers for 2026-11 (revision 3)',
    );
  });

  it('refuses an office the catalog does not know', () => {
    expect(() => buildTemplateContent({ ...inputs, officeCode: 'NOPE' })).toThrow(InvalidInputError);
    expect(() => buildTemplateContent({ ...inputs, officeCode: 'NOPE' })).toThrow(
      /"NOPE" is not an office of catalog .*; offices: OFO, USBP, AMO, OT, OS, ES \[office\.unknown\]/,
    );
  });
});
