import { z } from 'zod';
import { OVERALL_STATUSES, rollupSnapshotSchema } from '../rollup/rollup-snapshot';

/**
 * Everything the quarterly review pack is rendered from (docs/quarterly-review.md, "The pack's
 * inputs"): gathered once by `gatherQuarterlyReviewInputs` (shared/use-cases), stored as JSON with
 * the pack's version, and re-rendered from that JSON to reproduce the pack byte for byte. Plain
 * data only: no dates as objects, no functions, so `JSON.parse(JSON.stringify(inputs))` is the same.
 */
export const QUARTERLY_REVIEW_INPUTS_SCHEMA_VERSION = 1;

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const percent = z.number().min(0).max(100).nullable();

const quarterFacts = z.object({
  /** `FY2027-Q1`. */
  label: z.string().regex(/^FY\d{4}-Q[1-4]$/),
  fiscalYear: z.number().int(),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** Its three months, oldest first. */
  periods: z.tuple([period, period, period]),
  /** First and last days (YYYY-MM-DD). */
  first: isoDate,
  last: isoDate,
});
export type QuarterFacts = z.infer<typeof quarterFacts>;

/** One level's headline figure in one month: what the trend and the likelihood are computed from. */
const levelFigure = z.object({ id: z.string(), percentComplete: percent, status: z.enum(OVERALL_STATUSES) });
export type LevelFigure = z.infer<typeof levelFigure>;

/** A month's headline figures for every level (from its latest snapshot). */
const monthFigures = z.object({
  period,
  agency: z.object({ percentComplete: percent, status: z.enum(OVERALL_STATUSES) }),
  goals: z.array(levelFigure),
  missionAreas: z.array(levelFigure),
  objectives: z.array(levelFigure),
});
export type MonthFigures = z.infer<typeof monthFigures>;

/** One submission attempt of an office, as the appendix needs it (problems reduced to their rules). */
const attemptFacts = z.object({
  submissionId: z.string(),
  office: z.string(),
  period,
  receivedAt: z.string(),
  outcome: z.enum(['accepted', 'rejected', 'duplicate']),
  revision: z.number().int().min(1).optional(),
  /** The distinct rules a rejected attempt broke, sorted. */
  rules: z.array(z.string()),
  problemCount: z.number().int().min(0),
});
export type AttemptFacts = z.infer<typeof attemptFacts>;

export const quarterlyReviewInputsSchema = z.object({
  schemaVersion: z.literal(QUARTERLY_REVIEW_INPUTS_SCHEMA_VERSION),
  quarter: quarterFacts,
  /** The quarter after: its milestones are the pack's next steps. */
  nextQuarter: quarterFacts,
  /** The plan (catalog) facts the pack states; titles and structure come from the snapshots. */
  plan: z.object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
  }),
  /** The settings the pack's rules read (docs/configuration.md). */
  settings: z.object({
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    submissionDeadlineDay: z.number().int().min(1).max(28),
    timeZone: z.string(),
  }),
  /** The quarter's three months, oldest first: each one's latest snapshot, or null when it has none. */
  months: z.array(
    z.object({
      period,
      /** The day that month's submissions were due (YYYY-MM-DD, in `settings.timeZone`). */
      deadline: isoDate,
      snapshot: z
        .object({
          period,
          version: z.number().int().min(1),
          key: z.string(),
          sha256,
          inputHash: sha256,
          createdAt: z.string(),
        })
        .nullable(),
      content: rollupSnapshotSchema.nullable(),
    }),
  ),
  /**
   * Headline figures of every month of the plan so far that has a snapshot, up to the quarter's
   * last month, oldest first: the trend over the plan's quarters and the likelihood's pace.
   */
  history: z.array(monthFigures),
  /** Every office's submission attempts in the quarter's months, oldest first. */
  attempts: z.array(attemptFacts),
});
export type QuarterlyReviewInputs = z.infer<typeof quarterlyReviewInputsSchema>;
export type QuarterMonth = QuarterlyReviewInputs['months'][number];
