import { describe, expect, it } from 'vitest';
import { RISK_RULES, type RiskFacts, riskCategoryOf } from '../../../../shared/domain/review/risk-category';

/** A goal on track: likely to finish, nothing at risk or overdue. */
const onTrack: RiskFacts = {
  status: 'On Track',
  likelihood: 'Likely',
  entriesWithData: 12,
  entriesAtRisk: 0,
  entriesOverdue: 0,
};

describe('the risk category rule (docs/quarterly-review.md, "Risk category")', () => {
  it.each<[string, Partial<RiskFacts>, string, string]>([
    [
      'nothing reported',
      { entriesWithData: 0, status: 'No Data', likelihood: 'Unknown' },
      'Medium',
      'no-data',
    ],
    ['complete, even if once unlikely', { status: 'Complete', likelihood: 'Unlikely' }, 'Low', 'complete'],
    ['unlikely to finish by the plan end', { likelihood: 'Unlikely' }, 'High', 'unlikely'],
    ['off track though likely', { status: 'Off Track', entriesAtRisk: 1 }, 'High', 'off-track'],
    ['a third of entries at risk', { status: 'At Risk', entriesAtRisk: 4 }, 'High', 'many-entries-at-risk'],
    ['finishing uncertain', { likelihood: 'Uncertain' }, 'Medium', 'likelihood-not-shown'],
    ['no trend yet', { likelihood: 'Unknown' }, 'Medium', 'likelihood-not-shown'],
    [
      'some entries at risk (under a third)',
      { status: 'At Risk', entriesAtRisk: 3 },
      'Medium',
      'entries-at-risk',
    ],
    ['milestones overdue only', { entriesOverdue: 2 }, 'Medium', 'milestones-overdue'],
    ['on track', {}, 'Low', 'on-track'],
  ])('%s → %s (%s)', (_, change, category, rule) => {
    const assessment = riskCategoryOf({ ...onTrack, ...change });
    expect(assessment.category).toBe(category);
    expect(assessment.rule).toBe(rule);
    expect(assessment.reason).not.toBe('');
  });

  it('has a tested case for every rule, tried in the documented order', () => {
    expect(RISK_RULES).toEqual([
      'no-data',
      'complete',
      'unlikely',
      'off-track',
      'many-entries-at-risk',
      'likelihood-not-shown',
      'entries-at-risk',
      'milestones-overdue',
      'on-track',
    ]);
  });

  it('puts the boundary of "many entries at risk" at exactly a third', () => {
    expect(riskCategoryOf({ ...onTrack, status: 'At Risk', entriesWithData: 9, entriesAtRisk: 3 }).rule).toBe(
      'many-entries-at-risk',
    );
    expect(
      riskCategoryOf({ ...onTrack, status: 'At Risk', entriesWithData: 10, entriesAtRisk: 3 }).rule,
    ).toBe('entries-at-risk');
  });

  it('names the counts in its reason so a reader can check them', () => {
    expect(riskCategoryOf({ ...onTrack, status: 'At Risk', entriesAtRisk: 5 }).reason).toBe(
      '5 of 12 entries At Risk or Off Track (a third or more).',
    );
  });
});
