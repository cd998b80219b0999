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
  attachmentNames: { pdf: 'brief.pdf', html: 'brief.html', workbook: 'workbook.xlsx' },
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
    expect(email.text).toContain(
      'Attached: brief.pdf (the brief), brief.html and workbook.xlsx (every figure).',
    );
    expect(email.text).toContain('brief.html is the accessible version of the brief');
    expect(email.text).not.toContain('replaces');
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

  it('says first, for a version that replaces another, which one, when it was issued and why', () => {
    const snapshot = populatedSnapshot();
    const email = leadershipEmail({
      ...input(snapshot),
      model: buildReportModel(snapshot, {
        ...context,
        supersedes: {
          version: 1,
          issuedAt: '2026-11-03T09:30:00Z',
          changes: [{ office: 'OT', from: 1, to: 2 }],
        },
      }),
    });
    expect(email.subject).toBe(
      'Strategy status brief 2026-10 version 2 (replaces version 1): At Risk, 5 of 6 offices reported',
    );
    expect(email.text.split('\n')[0]).toBe(
      'This replaces version 1 of the October 2026 brief, issued on 3 November 2026. Since then: Office of Trade (OT) sent revision 2 (replacing revision 1).',
    );
    expect(email.html).toMatch(
      /<body[^>]*>\n\n<p style="[^"]*">This replaces version 1 of the October 2026 brief/,
    );
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
