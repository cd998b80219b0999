import { z } from 'zod';
import { chainLinkSchema, manifestFileSchema, snapshotReferenceSchema } from './report-manifest';
import { isQuarterKey } from './report-period';

/**
 * The manifest of one quarterly review pack version (docs/quarterly-review.md, "How the pack is
 * published"): a link of the same chain as the monthly reports' manifests. It records the hash of
 * each file — the pack's PDF, workbook and HTML, and `inputs.json`, what they were rendered from —
 * the monthly snapshots the inputs were gathered from, and the settings of the render, so
 * `reports reproduce` renders the pack again from the stored inputs alone.
 */
export const QUARTERLY_PACK_MANIFEST_KIND = 'strategy-report/quarterly-review-manifest';
export const QUARTERLY_PACK_MANIFEST_SCHEMA_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const quarterlyPackManifestSchema = z.object({
  schemaVersion: z.literal(QUARTERLY_PACK_MANIFEST_SCHEMA_VERSION),
  kind: z.literal(QUARTERLY_PACK_MANIFEST_KIND),
  /** The quarter, `FY2027-Q1`: the pack's key in the index and the bucket. */
  period: z
    .string()
    .refine((value): boolean => isQuarterKey(value), 'not a fiscal quarter (FY<year>-Q<1-4>)'),
  /** 1, 2, 3, ... per quarter: new inputs add a version, never replace one. */
  version: z.number().int().min(1),
  /** The newest of the quarter's snapshots' creation times: the date every file says it was generated. */
  generatedAt: z.string(),
  quarter: z.object({
    fiscalYear: z.number().int(),
    quarter: z.number().int().min(1).max(4),
    /** The configured first month of the fiscal year when the pack was rendered. */
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    periods: z.array(month).length(3),
  }),
  /** The latest snapshot of each month of the quarter that had one, as the inputs name them. */
  snapshots: z.array(snapshotReferenceSchema),
  /** The SHA-256 of `inputs.json` (also in `files`): what `reports reproduce` renders again. */
  inputsSha256: sha256,
  catalog: z.object({ id: z.string(), version: z.string() }),
  /** The package.json version of the software that rendered the files. */
  softwareVersion: z.string(),
  /** Settings that change the files' bytes, recorded so a reproduction uses the same ones. */
  renderOptions: z.object({ rendererVersion: z.string() }),
  files: z.array(manifestFileSchema),
  chain: z.object({
    sequence: z.number().int().min(1),
    previous: chainLinkSchema.nullable(),
  }),
});
export type QuarterlyPackManifest = z.infer<typeof quarterlyPackManifestSchema>;

/** What a pack's manifest says besides its version, files and place in the chain. */
export type QuarterlyPackContent = Omit<
  QuarterlyPackManifest,
  'schemaVersion' | 'kind' | 'version' | 'files' | 'chain'
>;

export function quarterlyPackManifest(
  content: QuarterlyPackContent,
  version: number,
  files: readonly z.infer<typeof manifestFileSchema>[],
  chain: QuarterlyPackManifest['chain'],
): QuarterlyPackManifest {
  return {
    schemaVersion: QUARTERLY_PACK_MANIFEST_SCHEMA_VERSION,
    kind: QUARTERLY_PACK_MANIFEST_KIND,
    ...content,
    version,
    files: [...files],
    chain: { sequence: chain.sequence, previous: chain.previous },
  };
}
