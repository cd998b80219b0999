import { describe, expect, it } from 'vitest';
import { leadershipEmail } from '../../../../shared/domain/report/leadership-email';
import { buildReportModel } from '../../../../shared/domain/report/report-model';
import { populatedSnapshot } from '../../../support/populated-snapshot';

const context = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 1,
  snapshotSha256: 'e'.repeat(64),
};
const input = (snapshot = populatedSnapshot(), banner?: string) => ({
  model: buildReportModel(snapshot, { ...context, markingBanner: banner }),
  reportVersion: 2,
  manifestKey: 'reports/2026-10/v0002/manifest.json',
  htmlKey: 'reports/2026-10/v0002/brief.html',
  attachmentNames: { pdf: 'brief.pdf', workbook: 'workbook.xlsx' },
});

describe('the leadership e-mail', () => {
  it('has the period and headline in its subject and the numbers, changes and top risks in its body', () => {
    const snapshot = populatedSnapshot();
    const email = leadershipEmail(input(snapshot));
    expect(email.subject).toBe('Strategy status brief 2026-10: At Risk, 5 of 6 offices reported');
    expect(email.text).toContain(
      `Overall status At Risk, ${snapshot.agency.percentComplete?.toFixed(1)}% complete`,
    );
    expect(email.text).toContain('5 of 6 offices reported');
    for (const goal of snapshot.goals)
      expect(email.text).toContain(`Goal ${goal.id}: ${goal.title}: ${goal.status}`);
    expect(email.text).toContain('WHAT CHANGED');
    expect(email.text).toContain(`TOP RISKS (5 of ${snapshot.atRisk.length})`);
    expect(email.text).toContain('Attached: brief.pdf (the brief) and workbook.xlsx (every figure).');
    expect(email.html).toContain('<h2 style="font-size:16px">Top risks (5 of');
  });

  it('keeps data text on one line and escaped, and sanitises a subject built from data', () => {
    const snapshot = populatedSnapshot();
    const hostile = {
      ...snapshot,
      catalog: { ...snapshot.catalog, title: 'Plan\r\nBcc: x@attacker.example' },
    };
    const email = leadershipEmail(input(hostile, 'CUI\r\nX-Injected: yes'));
    expect(email.subject).toBe(
      'CUI X-Injected: yes: Strategy status brief 2026-10: At Risk, 5 of 6 offices reported',
    );
    expect(email.text).not.toMatch(/\r/);
    expect(email.text).not.toMatch(/^Bcc:/m);
    expect(email.text).not.toMatch(/^X-Injected/m);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
  });

  it('links the workbook when it is too large to attach', () => {
    const email = leadershipEmail({
      ...input(),
      workbookLink: {
        url: 'https://example.test/w?sig=1',
        expiresAt: '2026-11-12T00:00:00.000Z',
        size: 12_582_912,
      },
    });
    expect(email.text).toContain(
      'The workbook (12.0 MB) is too large to attach; download it here: https://example.test/w?sig=1\nThe link works until 2026-11-12T00:00:00.000Z at the latest; `strategy-report reports url 2026-10 --format xlsx` makes a fresh one.',
    );
  });
});
