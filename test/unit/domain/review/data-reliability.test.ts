import { describe, expect, it } from 'vitest';
import {
  overallReliability,
  RELIABILITY_RULES,
  type ReliabilityFacts,
  reliabilityOf,
} from '../../../../shared/domain/review/data-reliability';

/** An office that attested, reported every month and looked at its answers anew. */
const good: ReliabilityFacts = {
  monthsReported: 3,
  monthsExpected: 3,
  attested: true,
  reported: 30,
  unchanged: 4,
};

describe('the reliability rule in GAO\'s terms (docs/quarterly-review.md, "Reliability")', () => {
  it.each<[string, Partial<ReliabilityFacts>, string, string]>([
    [
      'nothing accepted this quarter',
      { monthsReported: 0, attested: false, reported: 0, unchanged: 0 },
      'undetermined',
      'no-submission',
    ],
    ['no attestation (template version 1)', { attested: false }, 'undetermined', 'no-attestation'],
    ['a month not reported', { monthsReported: 2 }, 'not sufficiently reliable', 'months-not-reported'],
    ['unchanged not known', { unchanged: null }, 'undetermined', 'unchanged-unknown'],
    [
      'half the entries sent again unchanged',
      { unchanged: 15 },
      'not sufficiently reliable',
      'mostly-unchanged',
    ],
    ['attested, every month, looked at anew', {}, 'sufficiently reliable', 'attested-and-current'],
  ])('%s → %s (%s)', (_, change, verdict, rule) => {
    const assessment = reliabilityOf({ ...good, ...change });
    expect(assessment.verdict).toBe(verdict);
    expect(assessment.rule).toBe(rule);
  });

  it('has a tested case for every rule, tried in the documented order', () => {
    expect(RELIABILITY_RULES).toEqual([
      'no-submission',
      'no-attestation',
      'months-not-reported',
      'unchanged-unknown',
      'mostly-unchanged',
      'attested-and-current',
    ]);
  });

  it('puts the unchanged limit at exactly half', () => {
    expect(reliabilityOf({ ...good, reported: 10, unchanged: 5 }).rule).toBe('mostly-unchanged');
    expect(reliabilityOf({ ...good, reported: 10, unchanged: 4 }).rule).toBe('attested-and-current');
    expect(reliabilityOf({ ...good, reported: 10, unchanged: 5 }).reason).toBe(
      '5 of 10 entries sent again unchanged (half or more): the answers may not have been looked at.',
    );
  });

  it('judges the whole pack by its weakest office', () => {
    expect(overallReliability(['sufficiently reliable', 'sufficiently reliable'])).toBe(
      'sufficiently reliable',
    );
    expect(overallReliability(['sufficiently reliable', 'undetermined'])).toBe('undetermined');
    expect(overallReliability(['undetermined', 'not sufficiently reliable', 'sufficiently reliable'])).toBe(
      'not sufficiently reliable',
    );
    expect(overallReliability([])).toBe('undetermined');
  });
});
