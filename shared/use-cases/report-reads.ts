import { IntegrityError } from '../domain/errors';
import { type ChainManifest, parseChainManifest } from '../domain/report/chain-manifest';
import { MANIFEST_FILE, type StoredFileName } from '../domain/report/report-files';
import { parseManifest, type ReportManifest } from '../domain/report/report-manifest';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { ReportRecord } from '../ports/report-index';

/**
 * Reads of a published report version's objects in the reports bucket, each checked against the
 * SHA-256 the report index (for the manifest) or the index item's file list records.
 */

/** The stored manifest, checked against the SHA-256 the index records. */
export async function readReportManifest(
  reportObjects: ObjectStore,
  record: ReportRecord,
): Promise<ReportManifest> {
  return parseManifest(await checkedManifestBytes(reportObjects, record));
}

/** The stored manifest of a version of either kind (a monthly report or a quarterly pack), checked likewise. */
export async function readChainManifest(
  reportObjects: ObjectStore,
  record: ReportRecord,
): Promise<ChainManifest> {
  return parseChainManifest(await checkedManifestBytes(reportObjects, record));
}

async function checkedManifestBytes(reportObjects: ObjectStore, record: ReportRecord): Promise<Buffer> {
  const bytes = await reportObjects.get(record.manifestKey);
  const actual = sha256Hex(bytes);
  if (actual !== record.manifestSha256)
    throw new IntegrityError(
      `${record.manifestKey} has SHA-256 ${actual}, but the report index recorded ${record.manifestSha256}: it was altered`,
    );
  return bytes;
}

/** A stored file, checked against the SHA-256 its version records. */
export async function readReportFile(
  reportObjects: ObjectStore,
  record: ReportRecord,
  name: StoredFileName,
): Promise<Buffer> {
  const file = record.files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`report ${record.period} v${record.version} has no ${name}`);
  const bytes = await reportObjects.get(file.key);
  const actual = sha256Hex(bytes);
  if (actual !== file.sha256)
    throw new IntegrityError(
      `${file.key} has SHA-256 ${actual}, but report ${record.period} v${record.version} recorded ${file.sha256}: it was altered`,
    );
  return bytes;
}

/**
 * A time-limited download link to one file or the manifest, saved under a name that says which
 * report it is (`strategy-brief-2026-10-v0002.pdf`). Signing is local: nothing is read or written.
 */
export async function reportFileLink(
  reportObjects: ObjectStore,
  record: ReportRecord,
  name: StoredFileName | typeof MANIFEST_FILE.name,
  expiresInSeconds: number,
): Promise<string> {
  const key =
    name === MANIFEST_FILE.name
      ? record.manifestKey
      : record.files.find((candidate) => candidate.name === name)?.key;
  if (!key) throw new Error(`report ${record.period} v${record.version} has no ${name}`);
  const extension = name.slice(name.lastIndexOf('.'));
  const stem = name.slice(0, name.lastIndexOf('.'));
  return reportObjects.presignGet(key, expiresInSeconds, {
    downloadName: `strategy-${stem}-${record.period}-v${String(record.version).padStart(4, '0')}${extension}`,
  });
}
