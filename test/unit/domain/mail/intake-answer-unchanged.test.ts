import { describe, expect, it } from 'vitest';
import { workbooksAnswerText } from '../../../../shared/domain/mail/intake-answer-text';
import { parsePeriod } from '../../../../shared/domain/period';
import { listedUnchanged, MAIL_PROBLEM_LIMIT } from '../../../../shared/domain/submission/submission-mail';

const accepted = {
  kind: 'accepted' as const,
  office: 'OFO',
  period: parsePeriod('2026-10'),
  revision: 2,
  rows: 22,
  sha256: 'a'.repeat(64),
  duplicate: false,
};

describe('the answer to a mailed workbook', () => {
  it('says, under the workbook, what its receipt would: warnings and the rows sent again unchanged', () => {
    const text = workbooksAnswerText({
      workbooks: [
        {
          displayName: 'OFO-2026-10.xlsx',
          outcome: {
            ...accepted,
            warnings: [
              { rule: 'template.previous-version', message: 'this workbook is on template version 1' },
            ],
            unchanged: {
              since: { period: parsePeriod('2026-09'), revision: 1 },
              rows: [
                { activityId: '1.1.4', row: 2 },
                { activityId: '2.3.1', row: 4 },
              ],
            },
          },
        },
      ],
      notes: [],
    });
    expect(text).toContain(
      [
        `   SHA-256: ${'a'.repeat(64)}`,
        '   Warning:',
        '   - this workbook is on template version 1 [template.previous-version]',
        '   Unchanged since 2026-09: 2 of 22 rows have exactly the answers of your 2026-09 revision 1:',
        '   - 1.1.4 (row 2)',
        '   - 2.3.1 (row 4)',
        '   If that is right, nothing to do. If not, bring those rows up to date and upload the workbook again.',
      ].join('\n'),
    );
  });

  it('keeps the list its answer prints, and the count of all of them', () => {
    const rows = Array.from({ length: MAIL_PROBLEM_LIMIT + 5 }, (_, index) => ({
      activityId: `1.1.${index + 1}`,
    }));
    const listed = listedUnchanged({ since: { period: parsePeriod('2026-09'), revision: 1 }, rows });
    expect(listed.rows).toHaveLength(MAIL_PROBLEM_LIMIT);
    const text = workbooksAnswerText({
      workbooks: [{ displayName: 'w.xlsx', outcome: { ...accepted, rows: 200, unchanged: listed } }],
      notes: [],
    });
    expect(text).toContain(`Unchanged since 2026-09: ${MAIL_PROBLEM_LIMIT + 5} of 200 rows`);
    expect(text).toContain('   - ... and 5 more');
  });
});
