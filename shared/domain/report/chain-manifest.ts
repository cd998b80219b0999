import { z } from 'zod';
import { type QuarterlyPackManifest, quarterlyPackManifestSchema } from './quarterly-pack-manifest';
import { type ReportManifest, readableCanonicalBytes, reportManifestSchema } from './report-manifest';

/**
 * Any manifest on the chain: a monthly report's or a quarterly review pack's, told apart by `kind`.
 * What `reports verify` walks, and what the publication protocol stores.
 */
export const chainManifestSchema = z.discriminatedUnion('kind', [
  reportManifestSchema,
  quarterlyPackManifestSchema,
]);
export type ChainManifest = ReportManifest | QuarterlyPackManifest;

export function isPackManifest(manifest: ChainManifest): manifest is QuarterlyPackManifest {
  return manifest.kind === quarterlyPackManifestSchema.shape.kind.value;
}

/** The stored bytes of either kind: canonical, readable, the same manifest always the same bytes. */
export function chainManifestBytes(manifest: ChainManifest): Buffer {
  return readableCanonicalBytes(chainManifestSchema.parse(manifest));
}

export function parseChainManifest(bytes: Uint8Array): ChainManifest {
  return chainManifestSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}

/** The snapshots a version names: a monthly report's one, a pack's one per month that had one. */
export function snapshotsOf(manifest: ChainManifest): readonly ReportManifest['snapshot'][] {
  return isPackManifest(manifest) ? manifest.snapshots : [manifest.snapshot];
}
