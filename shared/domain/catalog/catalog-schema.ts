import { z } from 'zod';

/**
 * The strategy catalog file format (documented in docs/catalog.md). A replacement catalog is a
 * JSON file of this shape; everything structural that zod cannot say is checked in
 * `parseCatalog`.
 */
/** The longest text a catalog holds (a title, an outcome, a key activity, ...). */
export const CATALOG_TEXT_MAX = 2000;
const text = z.string().trim().min(1).max(CATALOG_TEXT_MAX);
const officeCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'an office code is 2 to 10 capital letters or digits');

export const catalogFileSchema = z
  .object({
    $comment: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a catalog id is lower-case letters, digits and dashes'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a catalog version is MAJOR.MINOR.PATCH'),
    title: text,
    source: text.optional(),
    /** The last day the plan runs to (YYYY-MM-DD): what "finishing on time" is measured against. */
    endDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'an end date is YYYY-MM-DD')
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a real date')
      .optional(),
    /** Who the plan is for; optional (kept from an imported StratML plan, docs/stratml.md). */
    organization: z
      .object({ name: text, acronym: z.string().trim().min(1).max(40).optional() })
      .strict()
      .optional(),
    mission: text.optional(),
    vision: text.optional(),
    values: z.array(z.object({ name: text, description: text.optional() }).strict()).optional(),
    goals: z
      .array(z.object({ id: z.string().regex(/^\d+$/), title: text, description: text.optional() }).strict())
      .min(1),
    missionAreas: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
            goalId: z.string(),
            title: text,
            description: text.optional(),
          })
          .strict(),
      )
      .default([]),
    objectives: z
      .array(
        z
          .object({
            id: z.string().regex(/^\d+\.\d+$/),
            goalId: z.string(),
            missionAreaId: z.string().optional(),
            title: text,
            desiredOutcome: text,
            keyActivities: z
              .array(z.object({ id: z.string().regex(/^\d+\.\d+\.\d+$/), text: text }).strict())
              .min(1),
          })
          .strict(),
      )
      .min(1),
    offices: z.array(z.object({ code: officeCode, name: text }).strict()).min(1),
    /** Key activity id → the offices that report on it. */
    assignments: z.record(z.string(), z.array(officeCode).min(1)),
  })
  .strict();

export type CatalogFile = z.infer<typeof catalogFileSchema>;
