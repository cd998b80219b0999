import type { Likelihood, OverallStatus } from '../rollup/rollup-snapshot';

/**
 * The risk category of a goal, objective or mission area in the quarterly review (31 U.S.C.
 * §1121(b)(5)): High, Medium or Low, decided by the first rule that applies, in the order of
 * RISK_RULES (docs/quarterly-review.md, "Risk category"). Everything it reads is the level as it
 * stands at the end of the quarter.
 */
export const RISK_CATEGORIES = ['High', 'Medium', 'Low'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** From this share of a level's entries with data At Risk or Off Track, the level is High risk. */
export const HIGH_RISK_ENTRY_SHARE = 1 / 3;

/** The rules' ids, in the order they are tried. */
export const RISK_RULES = [
  'no-data',
  'complete',
  'unlikely',
  'off-track',
  'many-entries-at-risk',
  'likelihood-not-shown',
  'entries-at-risk',
  'milestones-overdue',
  'on-track',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface RiskFacts {
  readonly status: OverallStatus;
  readonly likelihood: Likelihood;
  /** Entries (office × key activity) with a value at the end of the quarter, reported or carried. */
  readonly entriesWithData: number;
  /** Of those, At Risk or Off Track. */
  readonly entriesAtRisk: number;
  /** Of those, with a milestone due before the quarter's end and not Complete. */
  readonly entriesOverdue: number;
}

export interface RiskAssessment {
  readonly category: RiskCategory;
  readonly rule: RiskRule;
  /** Why, in a sentence a reader can check against the figures beside it. */
  readonly reason: string;
}

/** The risk category of one level and the rule that decided it. */
export function riskCategoryOf(facts: RiskFacts): RiskAssessment {
  const { entriesWithData, entriesAtRisk } = facts;
  const atRiskText = `${entriesAtRisk} of ${entriesWithData} entries At Risk or Off Track`;
  if (entriesWithData === 0 || facts.status === 'No Data')
    return {
      category: 'Medium',
      rule: 'no-data',
      reason: 'No entry has data: progress cannot be shown, so it cannot be called low risk.',
    };
  if (facts.status === 'Complete') return { category: 'Low', rule: 'complete', reason: 'Complete.' };
  if (facts.likelihood === 'Unlikely')
    return { category: 'High', rule: 'unlikely', reason: 'Unlikely to finish by the plan’s end date.' };
  if (facts.status === 'Off Track') return { category: 'High', rule: 'off-track', reason: 'Off Track.' };
  if (entriesAtRisk / entriesWithData >= HIGH_RISK_ENTRY_SHARE)
    return { category: 'High', rule: 'many-entries-at-risk', reason: `${atRiskText} (a third or more).` };
  if (facts.likelihood === 'Uncertain' || facts.likelihood === 'Unknown')
    return {
      category: 'Medium',
      rule: 'likelihood-not-shown',
      reason: `Finishing on time is ${facts.likelihood === 'Uncertain' ? 'uncertain' : 'not yet shown by a trend'}.`,
    };
  if (entriesAtRisk > 0 || facts.status === 'At Risk')
    return { category: 'Medium', rule: 'entries-at-risk', reason: `${atRiskText}.` };
  if (facts.entriesOverdue > 0)
    return {
      category: 'Medium',
      rule: 'milestones-overdue',
      reason: `${facts.entriesOverdue} of ${entriesWithData} entries past a milestone date.`,
    };
  return {
    category: 'Low',
    rule: 'on-track',
    reason: 'Likely to finish on time; nothing at risk or overdue.',
  };
}

/** High before Medium before Low. */
export const riskOrder = (category: RiskCategory): number => RISK_CATEGORIES.indexOf(category);
