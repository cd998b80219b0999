import { describe, expect, it } from 'vitest';
import { workbookRequestEmail } from '../../../../shared/domain/mail/workbook-request-email';
import type { Period } from '../../../../shared/domain/period';

/** The open-period e-mail or the reminder to the Office of Trade for October 2026. */
const requestFor = (kind: 'open' | 'reminder') =>
  workbookRequestEmail({
    kind,
    office: { code: 'OT', name: 'Office of Trade' },
    period: '2026-10' as Period,
    deadline: '2026-11-10',
    today: '2026-11-01',
    fileName: 'OT-2026-10.xlsx',
    rejectedAttempts: 0,
  });

describe('the e-mail asking an office for its workbook', () => {
  it('names the cells to fill in as the Input cells the Instructions sheet lists, not by colour alone (issue 14)', () => {
    for (const kind of ['open', 'reminder'] as const) {
      const { text } = requestFor(kind);
      const step = text.split('\n').find((line) => line.startsWith('2. ')) ?? '';
      expect(step, kind).toContain('fill in the cells marked Input');
      expect(step.replace(/\(shaded yellow;[^)]*\)/, ''), kind).not.toMatch(/yellow|grey/);
    }
  });

  it('asks for everything a workbook is refused without: the attestation, and the risk and mitigation of a row at risk', () => {
    for (const kind of ['open', 'reminder'] as const) {
      const { text } = requestFor(kind);
      const steps = text.split('\n').filter((line) => /^\d\. /.test(line));
      expect(
        steps.map((line) => line.slice(0, 2)),
        kind,
      ).toEqual(['1.', '2.', '3.', '4.', '5.']);
      expect(text, kind).toContain(
        'For a row At Risk or Off Track, also fill in Risks and Issues and Mitigation / Next Steps',
      );
      expect(steps[2], kind).toMatch(
        /^3\. On the Attestation sheet, give who prepared and who approved the figures, the date/,
      );
      expect(steps[4], kind).toBe('5. Reply to this e-mail with the saved workbook attached.');
    }
  });
});
