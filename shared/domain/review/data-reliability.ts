/**
 * The reliability of an office's data for the quarter, in the terms GAO uses for data reliability
 * assessments (GAO-20-283G): sufficiently reliable, not sufficiently reliable, or undetermined.
 * Decided by the first rule of RELIABILITY_RULES that applies (docs/quarterly-review.md,
 * "Reliability"). It speaks of the evidence this product holds — the attestation of §1115(b)(8),
 * whether every month was reported, and whether the answers were looked at anew — not of the
 * figures' truth, which only the office's own verification (its attestation item A) can speak to.
 */
export const RELIABILITY_VERDICTS = [
  'sufficiently reliable',
  'not sufficiently reliable',
  'undetermined',
] as const;
export type ReliabilityVerdict = (typeof RELIABILITY_VERDICTS)[number];

/** From this share of an office's entries reported in the quarter sent again unchanged, its data is not sufficiently reliable. */
export const UNCHANGED_SHARE_LIMIT = 0.5;

export const RELIABILITY_RULES = [
  'no-submission',
  'no-attestation',
  'months-not-reported',
  'unchanged-unknown',
  'mostly-unchanged',
  'attested-and-current',
] as const;
export type ReliabilityRule = (typeof RELIABILITY_RULES)[number];

export interface ReliabilityFacts {
  /** Months of the quarter the office had an accepted submission for. */
  readonly monthsReported: number;
  /** Months of the quarter it was expected to report (three). */
  readonly monthsExpected: number;
  /** Whether its attestation for the quarter (its last reported month's) is on file. */
  readonly attested: boolean;
  /** Entries it reported over the quarter's months. */
  readonly reported: number;
  /** Of those, sent unchanged since the period before; null when not known for some month. */
  readonly unchanged: number | null;
}

export interface ReliabilityAssessment {
  readonly verdict: ReliabilityVerdict;
  readonly rule: ReliabilityRule;
  readonly reason: string;
}

export function reliabilityOf(facts: ReliabilityFacts): ReliabilityAssessment {
  if (facts.monthsReported === 0)
    return {
      verdict: 'undetermined',
      rule: 'no-submission',
      reason: 'No submission accepted this quarter: there is nothing to assess.',
    };
  if (!facts.attested)
    return {
      verdict: 'undetermined',
      rule: 'no-attestation',
      reason:
        'No attestation on file (template version 1): how the data are verified, their sources and limitations are not stated.',
    };
  if (facts.monthsReported < facts.monthsExpected)
    return {
      verdict: 'not sufficiently reliable',
      rule: 'months-not-reported',
      reason: `Reported ${facts.monthsReported} of ${facts.monthsExpected} months: the others stand on earlier values or none.`,
    };
  if (facts.unchanged === null)
    return {
      verdict: 'undetermined',
      rule: 'unchanged-unknown',
      reason:
        'Some of its rows were accepted before answers were compared with the period before: whether they were looked at anew is not known.',
    };
  if (facts.reported > 0 && facts.unchanged / facts.reported >= UNCHANGED_SHARE_LIMIT)
    return {
      verdict: 'not sufficiently reliable',
      rule: 'mostly-unchanged',
      reason: `${facts.unchanged} of ${facts.reported} entries sent again unchanged (half or more): the answers may not have been looked at.`,
    };
  return {
    verdict: 'sufficiently reliable',
    rule: 'attested-and-current',
    reason: 'Attested (§1115(b)(8) items A–E), every month reported, most answers looked at anew.',
  };
}

/**
 * The pack's data as a whole: not sufficiently reliable when any office's is, else undetermined
 * when any office's is, else sufficiently reliable.
 */
export function overallReliability(verdicts: readonly ReliabilityVerdict[]): ReliabilityVerdict {
  if (verdicts.includes('not sufficiently reliable')) return 'not sufficiently reliable';
  if (verdicts.includes('undetermined') || verdicts.length === 0) return 'undetermined';
  return 'sufficiently reliable';
}
