import { z } from 'zod';

/** The statuses a submitter can choose, in the order a template's dropdown shows them. */
export const STATUSES = ['Not Started', 'On Track', 'At Risk', 'Off Track', 'Complete'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * One validated row of an office's submission: its report on one key activity for one period.
 * This is what the ingest stores and the rollup reads; every field has already passed the rules.
 */
export const progressRowSchema = z.object({
  activityId: z.string().regex(/^\d+\.\d+\.\d+$/),
  status: z.enum(STATUSES),
  percentComplete: z.number().min(0).max(100),
  metric: z.string().optional(),
  actual: z.number().finite().optional(),
  target: z.number().finite().optional(),
  nextMilestone: z.string().optional(),
  /** ISO date, YYYY-MM-DD. */
  milestoneDue: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  accomplishments: z.string().optional(),
  risksAndIssues: z.string().optional(),
  /** Mitigation / Next Steps (template version 2): required for At Risk and Off Track. */
  mitigation: z.string().optional(),
  pointOfContact: z.string().optional(),
  /**
   * Set by the ingest, not the submitter: true when the row's answers equal the office's previous
   * period's current revision (unchanged-answers.ts), false when they differ or there was nothing
   * to compare with. Absent on rows accepted before the check existed.
   */
  unchanged: z.boolean().optional(),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;
