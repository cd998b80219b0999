import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { snapshotInputSchema } from '../rollup/rollup-snapshot';
import { STORED_FILE_NAMES } from './report-files';
import type { RenderContext } from './report-model';
import { isReportPeriod } from './report-period';
import { supersededReportSchema } from './superseded-report';

/**
 * The manifest of one report version: what the report is, what it was made from, the hash of
 * every file, and the hash of the manifest rendered before it, so all reports ever rendered form
 * one chain an auditor can walk (docs/reports.md). Bump the schema version on breaking changes.
 */
export const REPORT_MANIFEST_SCHEMA_VERSION = 2;
/** 1: brief.pdf, workbook.xlsx, brief.html; 2: the same and report.stratml.xml. Both are read. */
const READABLE_SCHEMA_VERSIONS = [1, 2] as const;
export const REPORT_MANIFEST_KIND = 'strategy-report/report-manifest';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A month or a fiscal quarter (a quarterly review pack): what a link of the chain may name. */
const reportPeriod = z
  .string()
  .refine(
    (value): boolean => isReportPeriod(value),
    'not a reporting period (YYYY-MM) or fiscal quarter (FY<year>-Q<1-4>)',
  );
const version = z.number().int().min(1);

export const manifestFileSchema = z.object({
  name: z.enum(STORED_FILE_NAMES as [string, ...string[]]),
  key: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  sha256,
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** The manifest before this one: a monthly report's or a quarterly review pack's (one chain for both). */
/** The rollup snapshot a version was rendered from: where it is stored and what it hashes to. */
export const snapshotReferenceSchema = z.object({
  period,
  version,
  inputHash: sha256,
  sha256,
  key: z.string(),
});

export const chainLinkSchema = z.object({ period: reportPeriod, version, key: z.string(), sha256 });
export type ChainLink = z.infer<typeof chainLinkSchema>;

export const reportManifestSchema = z.object({
  schemaVersion: z.union(READABLE_SCHEMA_VERSIONS.map((version) => z.literal(version))),
  kind: z.literal(REPORT_MANIFEST_KIND),
  period,
  /** 1, 2, 3, ... per period: a re-render adds a version, never replaces one. */
  version,
  /** When the snapshot was stored: the date every file says it was generated. */
  generatedAt: z.string(),
  snapshot: snapshotReferenceSchema,
  catalog: z.object({ id: z.string(), version: z.string() }),
  /** The package.json version of the software that rendered the files. */
  softwareVersion: z.string(),
  /**
   * Settings that change the files' bytes, so a reproduction can use the same ones: the marking
   * banner, and for a version that replaces an earlier one of its period, which one and why (absent
   * in a first version and in manifests written before briefs said so).
   */
  renderOptions: z.object({
    markingBanner: z.string().nullable(),
    supersedes: supersededReportSchema.optional(),
    /**
     * The PDF brief is tagged (PDF/UA-1 and PDF/A-2a, issue 15): true in every manifest written
     * since. Absent from those written by strategy-report 0.1.0 before it was, whose brief.pdf is
     * untagged PDF/A-2b; `reports reproduce` says which the stored brief is.
     */
    taggedPdf: z.boolean().optional(),
  }),
  files: z.array(manifestFileSchema),
  /** The current revision of each office that fed the snapshot. */
  submissions: z.array(snapshotInputSchema),
  /** Earlier revisions whose entries were carried forward into this period. */
  carriedForwardFrom: z.array(z.object({ office: z.string(), period, revision: z.number().int().min(1) })),
  chain: z.object({
    /** 1 for the first report ever rendered, then one more for each. */
    sequence: z.number().int().min(1),
    /** The manifest rendered just before this one (any period), or null for the first. */
    previous: chainLinkSchema.nullable(),
  }),
});
export type ReportManifest = z.infer<typeof reportManifestSchema>;

/**
 * The manifest's stored bytes: keys sorted at every level, two-space indented, one final newline.
 * Readable by a person, and the same manifest always gives the same bytes (so the same SHA-256).
 */
export function manifestBytes(manifest: ReportManifest): Buffer {
  return readableCanonicalBytes(reportManifestSchema.parse(manifest));
}

/** Keys sorted at every level, two-space indented, one final newline: how every manifest is stored. */
export function readableCanonicalBytes(value: unknown): Buffer {
  const sorted = JSON.parse(canonicalJson(value));
  return Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`, 'utf8');
}

/** What the files of a report version were rendered with, as its manifest records it: render it again with this. */
export function renderContextOf(manifest: ReportManifest): RenderContext {
  return {
    generatedAt: manifest.generatedAt,
    snapshotVersion: manifest.snapshot.version,
    snapshotSha256: manifest.snapshot.sha256,
    markingBanner: manifest.renderOptions.markingBanner ?? undefined,
    supersedes: manifest.renderOptions.supersedes,
  };
}

export function parseManifest(bytes: Uint8Array): ReportManifest {
  return reportManifestSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}
