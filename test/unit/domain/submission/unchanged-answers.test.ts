import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProgressRow, STATUSES } from '../../../../shared/domain/progress';
import {
  COMPARED_ANSWERS,
  markUnchanged,
  sameAnswers,
} from '../../../../shared/domain/submission/unchanged-answers';

const row: ProgressRow = {
  activityId: '2.1.1',
  status: 'At Risk',
  percentComplete: 40,
  metric: 'sites equipped',
  actual: 12,
  target: 60,
  nextMilestone: 'award the contract',
  milestoneDue: '2027-03-31',
  accomplishments: 'site surveys done',
  risksAndIssues: 'protest filed',
  mitigation: 'second vendor ready',
  pointOfContact: 'lead@agency.example',
};

const arbitraryRow = fc.record(
  {
    activityId: fc.constant('2.1.1'),
    status: fc.constantFrom(...STATUSES),
    percentComplete: fc.integer({ min: 0, max: 100 }),
    metric: fc.string({ minLength: 1 }),
    actual: fc.integer(),
    target: fc.integer(),
    nextMilestone: fc.string({ minLength: 1 }),
    milestoneDue: fc.constantFrom('2026-12-01', '2027-01-15'),
    accomplishments: fc.string({ minLength: 1 }),
    risksAndIssues: fc.string({ minLength: 1 }),
    mitigation: fc.string({ minLength: 1 }),
    pointOfContact: fc.emailAddress(),
  },
  { requiredKeys: ['activityId', 'status', 'percentComplete'] },
);

describe('unchanged answers', () => {
  it('are every answer the same; the point of contact does not count', () => {
    expect(sameAnswers({ ...row }, row)).toBe(true);
    expect(sameAnswers({ ...row, pointOfContact: 'someone.else@agency.example' }, row)).toBe(true);
    expect(sameAnswers({ ...row, unchanged: false }, { ...row, unchanged: true })).toBe(true);
  });

  it('differ when any one compared answer differs, is added or is removed', () => {
    const changed: Record<(typeof COMPARED_ANSWERS)[number], unknown> = {
      status: 'Off Track',
      percentComplete: 41,
      metric: 'sites surveyed',
      actual: 13,
      target: 61,
      nextMilestone: 'award',
      milestoneDue: '2027-04-01',
      accomplishments: 'site surveys done; design started',
      risksAndIssues: 'protest upheld',
      mitigation: 're-compete in May',
    };
    for (const key of COMPARED_ANSWERS) {
      expect(sameAnswers({ ...row, [key]: changed[key] } as ProgressRow, row), key).toBe(false);
      const { [key]: _removed, ...without } = row;
      if (key !== 'status' && key !== 'percentComplete')
        expect(sameAnswers(without as ProgressRow, row), `${key} removed`).toBe(false);
    }
  });

  it('take text re-typed with other spacing or line breaks as the same', () => {
    expect(sameAnswers({ ...row, risksAndIssues: 'protest\n  filed' }, row)).toBe(true);
  });

  it('hold for a row and any copy of it whose point of contact changed (property)', () => {
    fc.assert(
      fc.property(arbitraryRow, fc.emailAddress(), (any, contact) => {
        expect(sameAnswers({ ...any, pointOfContact: contact } as ProgressRow, any as ProgressRow)).toBe(
          true,
        );
      }),
    );
  });

  it('mark each row against the previous revision by activity; with none, nothing is unchanged', () => {
    const other = { ...row, activityId: '2.1.2', percentComplete: 10 };
    const marked = markUnchanged([row, other], [{ ...other, percentComplete: 5 }, row]);
    expect(marked.rows.map((entry) => entry.unchanged)).toEqual([true, false]);
    expect(marked.unchanged).toEqual(['2.1.1']);
    expect(markUnchanged([row], undefined)).toEqual({ rows: [{ ...row, unchanged: false }], unchanged: [] });
    expect(markUnchanged([row], [other]).rows[0]?.unchanged).toBe(false);
  });
});
