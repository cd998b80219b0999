import { z } from 'zod';
import { STATUSES } from '../progress';
import { attestationSchema } from '../submission/attestation';

/**
 * The rollup snapshot: everything a report says about one period, computed by the rollup from
 * the catalog, the period's current revisions, the previous snapshot and the trend history.
 * Renderers read only this, so a stored snapshot always renders to the same bytes. Described
 * for readers in docs/rollup-snapshot.md; bump SNAPSHOT_SCHEMA_VERSION on any change of shape.
 *
 * Version 2 (issue 16) added the unchanged counts of every level, the rows' mitigation and
 * unchanged flag, the at-risk entries' mitigation, and each input's template version, attestation
 * and the revision its rows were compared with. Snapshots of version 1 still load (those fields
 * are absent from them) and render exactly as they did.
 */
export const SNAPSHOT_SCHEMA_VERSION = 2;
/** Every schema version a stored snapshot may have. */
export const READABLE_SNAPSHOT_SCHEMA_VERSIONS = [1, 2] as const;

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);
const percent = z.number().min(0).max(100);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Every entry (office × key activity) is in exactly one of these; 'Not Reported' = neither fresh nor carried. */
export const COUNTED_STATUSES = [...STATUSES, 'Not Reported'] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];

/** The overall status of a level (agency, goal, mission area, objective, activity, office). */
export const OVERALL_STATUSES = [
  'Complete',
  'On Track',
  'At Risk',
  'Off Track',
  'Not Started',
  'No Data',
] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

/** Likelihood of finishing on time, from the trend of percent complete against milestone dates. */
export const LIKELIHOODS = ['Likely', 'Uncertain', 'Unlikely', 'Unknown'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const MOVEMENTS = [
  'new',
  'unchanged',
  'improved',
  'worsened',
  'newly-at-risk',
  'recovered',
  'completed',
] as const;
export type Movement = (typeof MOVEMENTS)[number];

export const statusCountsSchema = z.object(
  Object.fromEntries(COUNTED_STATUSES.map((status) => [status, count])) as Record<
    CountedStatus,
    typeof count
  >,
);
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const levelSummarySchema = z.object({
  statusCounts: statusCountsSchema,
  /** Office × activity entries expected to report at this level. */
  expected: count,
  /** Entries reported fresh this period. */
  reported: count,
  /** Entries carried forward from an earlier period (never counted as reported). */
  carriedForward: count,
  /** expected − reported − carriedForward. */
  missing: count,
  /**
   * Entries reported this period whose answers are those of the office's previous period
   * (docs/status-rules.md, "Unchanged entries"): at most `reported`. From schema version 2.
   */
  unchanged: count.optional(),
  /** Weighted percent complete (docs/status-rules.md); null when nothing is reported or carried. */
  percentComplete: percent.nullable(),
  /** Mean of actual ÷ target over entries that give both (target ≠ 0); null when none do. */
  metricAttainment: z.number().finite().nullable(),
  metricCount: count,
  status: z.enum(OVERALL_STATUSES),
  /** Id of the rule in docs/status-rules.md that decided the status. */
  statusRule: z.string(),
  likelihood: z.enum(LIKELIHOODS),
  /** Id of the likelihood rule in docs/status-rules.md that decided `likelihood`. */
  likelihoodRule: z.string().optional(),
  change: z.object({
    previousStatus: z.enum(OVERALL_STATUSES).nullable(),
    previousPercentComplete: percent.nullable(),
    percentDelta: z.number().finite().nullable(),
    movement: z.enum(MOVEMENTS),
  }),
});
export type LevelSummary = z.infer<typeof levelSummarySchema>;

/** One office's report on one key activity, as the period's rollup used it. */
export const snapshotRowSchema = z.object({
  office: z.string(),
  activityId: z.string(),
  status: z.enum(STATUSES),
  percentComplete: percent,
  metric: z.string().optional(),
  actual: z.number().finite().optional(),
  target: z.number().finite().optional(),
  /** actual ÷ target when both are given and target ≠ 0. */
  attainment: z.number().finite().optional(),
  nextMilestone: z.string().optional(),
  milestoneDue: isoDate.optional(),
  milestoneOverdue: z.boolean(),
  accomplishments: z.string().optional(),
  risksAndIssues: z.string().optional(),
  /** Mitigation / Next Steps (template version 2). */
  mitigation: z.string().optional(),
  pointOfContact: z.string().optional(),
  /**
   * A reported row whose answers are those of the office's previous period (set at the ingest).
   * Absent on carried-forward rows and on rows of revisions accepted before the check existed.
   */
  unchanged: z.boolean().optional(),
  /** 'carried-forward': the office did not report it this period; the value is from `fromPeriod`. */
  source: z.enum(['reported', 'carried-forward']),
  fromPeriod: period,
  revision: z.number().int().min(1),
});
export type SnapshotRow = z.infer<typeof snapshotRowSchema>;

export const snapshotInputSchema = z.object({
  office: z.string(),
  revision: z.number().int().min(1),
  submissionId: z.string(),
  sha256,
  acceptedAt: z.string(),
  uploader: z.string(),
  rowCount: count,
  /** The template version the workbook was on (from schema version 2). */
  templateVersion: z.string().optional(),
  /** The office's attestation with this revision (template version 2 on). */
  attestation: attestationSchema.optional(),
  /** The revision its rows were compared with to mark them unchanged; null: none to compare with. */
  comparedWith: z
    .object({ period, revision: z.number().int().min(1) })
    .nullable()
    .optional(),
});
export type SnapshotInput = z.infer<typeof snapshotInputSchema>;

/** The headline numbers of one period, kept for the trend charts of later periods. */
export const trendPointSchema = z.object({
  period,
  agency: z.object({ percentComplete: percent.nullable(), status: z.enum(OVERALL_STATUSES) }),
  goals: z.array(
    z.object({ id: z.string(), percentComplete: percent.nullable(), status: z.enum(OVERALL_STATUSES) }),
  ),
  missionAreas: z.array(
    z.object({ id: z.string(), percentComplete: percent.nullable(), status: z.enum(OVERALL_STATUSES) }),
  ),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const rollupSnapshotSchema = z.object({
  schemaVersion: z.union([
    z.literal(READABLE_SNAPSHOT_SCHEMA_VERSIONS[0]),
    z.literal(READABLE_SNAPSHOT_SCHEMA_VERSIONS[1]),
  ]),
  period,
  /** The date the snapshot speaks as of: the last day of the period. Overdue means due before it. */
  asOf: isoDate,
  catalog: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  /** The submissions (current revision per office) the snapshot was computed from, by office. */
  inputs: z.array(snapshotInputSchema),
  /** The previous period's snapshot used for changes and carry-forward, if there was one. */
  previousSnapshot: z.object({ period, version: z.number().int().min(1), sha256 }).nullable(),
  /** SHA-256 over everything the snapshot was computed from (docs/rollup-snapshot.md). */
  inputHash: sha256,
  /**
   * How the snapshot was computed: the rules version, the carry-forward limit and the weights
   * that differ from 1 (docs/status-rules.md). Always written by the rollup; optional so that
   * hand-made fixtures need not carry it.
   */
  rules: z
    .object({
      version: z.number().int().min(1),
      carryForwardMaxAgeMonths: z.number().int().min(0),
      weights: z.object({
        goals: z.record(z.string(), z.number().positive()),
        objectives: z.record(z.string(), z.number().positive()),
        keyActivities: z.record(z.string(), z.number().positive()),
      }),
    })
    .optional(),
  /** The stored snapshots the trend's earlier points come from, oldest first (part of the input hash). */
  trendSources: z.array(z.object({ period, version: z.number().int().min(1), sha256 })).optional(),
  agency: levelSummarySchema,
  goals: z.array(levelSummarySchema.extend({ id: z.string(), title: z.string() })),
  missionAreas: z.array(levelSummarySchema.extend({ id: z.string(), goalId: z.string(), title: z.string() })),
  objectives: z.array(
    levelSummarySchema.extend({
      id: z.string(),
      goalId: z.string(),
      missionAreaId: z.string().optional(),
      title: z.string(),
    }),
  ),
  keyActivities: z.array(
    levelSummarySchema.extend({
      id: z.string(),
      objectiveId: z.string(),
      goalId: z.string(),
      missionAreaId: z.string().optional(),
      text: z.string(),
      offices: z.array(z.string()),
    }),
  ),
  offices: z.array(
    levelSummarySchema.extend({
      code: z.string(),
      name: z.string(),
      submitted: z.boolean(),
      revision: z.number().int().min(1).optional(),
      submittedAt: z.string().optional(),
      uploader: z.string().optional(),
    }),
  ),
  /** Every entry reported or carried forward, by office then activity. */
  rows: z.array(snapshotRowSchema),
  changes: z.object({
    statusMoves: z.array(
      z.object({
        office: z.string(),
        activityId: z.string(),
        from: z.enum(STATUSES).nullable(),
        to: z.enum(STATUSES),
        movement: z.enum(MOVEMENTS),
      }),
    ),
  }),
  /**
   * Who and what is missing. Every expected entry is in exactly one of: `rows` with source
   * 'reported', `carriedForward`, `activitiesNotReported`. Entry lists are by office, then activity.
   */
  completeness: z.object({
    /** Offices with at least one assigned key activity, in catalog order. */
    officesExpected: z.array(z.string()),
    /** Offices with a current (accepted) revision this period. */
    officesSubmitted: z.array(z.string()),
    officesMissing: z.array(z.string()),
    /** Entries with no value at all: neither reported this period nor carried forward. */
    activitiesNotReported: z.array(z.object({ office: z.string(), activityId: z.string() })),
    /** Entries standing on an earlier period's value (also in `rows`, source 'carried-forward'). */
    carriedForward: z.array(z.object({ office: z.string(), activityId: z.string(), fromPeriod: period })),
    /** Entries with data whose milestone is due before `asOf` and that are not Complete. */
    overdueMilestones: z.array(
      z.object({
        office: z.string(),
        activityId: z.string(),
        nextMilestone: z.string().optional(),
        milestoneDue: isoDate,
        status: z.enum(STATUSES),
      }),
    ),
  }),
  /** At Risk and Off Track entries (and other rule-flagged ones), most severe first. */
  atRisk: z.array(
    z.object({
      rank: z.number().int().min(1),
      office: z.string(),
      activityId: z.string(),
      objectiveId: z.string(),
      goalId: z.string(),
      missionAreaId: z.string().optional(),
      activityText: z.string(),
      status: z.enum(STATUSES),
      percentComplete: percent,
      severity: z.number().finite(),
      reasons: z.array(z.string()),
      risksAndIssues: z.string().optional(),
      mitigation: z.string().optional(),
      accomplishments: z.string().optional(),
      nextMilestone: z.string().optional(),
      milestoneDue: isoDate.optional(),
      pointOfContact: z.string().optional(),
      source: z.enum(['reported', 'carried-forward']),
    }),
  ),
  /** Up to 12 periods ending with this one, oldest first, for trend charts. */
  trend: z.array(trendPointSchema),
});
export type RollupSnapshot = z.infer<typeof rollupSnapshotSchema>;
