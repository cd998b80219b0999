import { beforeAll, describe, expect, it } from 'vitest';
import { quarterlyReviewEmail } from '../../../../shared/domain/report/quarterly-review-email';
import {
  type QuarterlyReviewModel,
  quarterlyReviewModel,
} from '../../../../shared/domain/review/quarterly-review-model';
import { scenarioInputs } from '../../../support/quarterly-review-scenario';

let model: QuarterlyReviewModel;
beforeAll(async () => {
  const { inputs } = await scenarioInputs();
  model = quarterlyReviewModel(inputs);
});

const email = (packVersion = 1) =>
  quarterlyReviewEmail({
    model,
    packVersion,
    manifestKey: 'reports/FY2027-Q1/v0001/manifest.json',
    attachmentNames: {
      pdf: 'quarterly-review-FY2027-Q1-v0001.pdf',
      html: 'quarterly-review-FY2027-Q1-v0001.html',
      workbook: 'quarterly-review-FY2027-Q1-v0001.xlsx',
    },
  });

describe('the e-mail that carries a quarterly review pack', () => {
  it('names the quarter once and its months in the first line, and counts goals by risk in the subject', () => {
    const { subject, text } = email();
    const counts = model.riskCounts;
    expect(text.split('\n')[0]).toBe('Quarterly performance review, FY2027-Q1: October 2026 – December 2026');
    expect(subject).toBe(
      `Quarterly performance review, FY2027-Q1: ${counts.High} goal${counts.High === 1 ? '' : 's'} at High risk, ${counts.Medium} Medium, ${counts.Low} Low`,
    );
  });

  it('says how far the data can be trusted in sentences, each ending with one full stop', () => {
    const { text } = email();
    const data = text.split('\n').find((line) => line.startsWith('Data: '));
    expect(data).toMatch(new RegExp(`^Data: ${model.dataQuality.overall} \\(GAO terms\\)\\. .+[^.]\\.$`));
    expect(text).not.toMatch(/\.\./);
  });

  it('gives every goal a line with its progress and risk, and lists what is attached', () => {
    const { text, html } = email();
    for (const goal of model.goals) {
      expect(text).toContain(`- Goal ${goal.id}: ${goal.title}: `);
      expect(text).toContain(`risk ${goal.risk.category}`);
    }
    expect(text).toContain('quarterly-review-FY2027-Q1-v0001.pdf (the pack, tagged PDF)');
    expect(html).toContain('quarterly-review-FY2027-Q1-v0001.html');
  });
});
