import { reportLabel } from '../domain/audit/audit-finding';
import { IntegrityError, NotFoundError } from '../domain/errors';
import type { Period } from '../domain/period';
import {
  ALL_REPORT_FORMATS,
  MANIFEST_FILE,
  REPORT_FILES,
  type ReportFileFormat,
  reportFileOfFormat,
} from '../domain/report/report-files';
import { parseManifest, type ReportManifest } from '../domain/report/report-manifest';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import { findReportVersion } from './find-report-version';

export interface FetchedReportFile {
  readonly name: string;
  readonly format: ReportFileFormat;
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  readonly bytes: Buffer;
}

async function read(objects: ObjectStore, key: string): Promise<Buffer> {
  try {
    return await objects.get(key);
  } catch (error) {
    if (error instanceof NotFoundError) throw new IntegrityError(`${key} is missing from the reports bucket`);
    throw error;
  }
}

/**
 * The files of a report version, each checked before it is handed out: the manifest against the
 * SHA-256 the report index records, every other file against the SHA-256 and size the manifest
 * records (and the index item's, which must agree). Any mismatch throws IntegrityError naming the
 * file, and nothing is returned, so no caller can write part of a tampered report.
 */
export async function fetchReportFiles(
  ports: { readonly reportIndex: ReportIndex; readonly reportObjects: ObjectStore },
  request: {
    readonly period: Period;
    readonly version?: number;
    readonly formats?: readonly ReportFileFormat[];
  },
): Promise<{ record: ReportRecord; manifest: ReportManifest; files: FetchedReportFile[] }> {
  const record = await findReportVersion(ports.reportIndex, request.period, request.version);
  const label = reportLabel(record.period, record.version);
  const manifestBytes = await read(ports.reportObjects, record.manifestKey);
  const manifestSha256 = sha256Hex(manifestBytes);
  if (manifestSha256 !== record.manifestSha256)
    throw new IntegrityError(
      `${record.manifestKey} has SHA-256 ${manifestSha256}, but the report index recorded ${record.manifestSha256} for ${label}: the manifest was altered`,
    );
  const manifest = parseManifest(manifestBytes);

  const files: FetchedReportFile[] = [];
  // By default every file the manifest lists: a report published before a file existed has none.
  const formats =
    request.formats ??
    ALL_REPORT_FORMATS.filter(
      (format) =>
        format === MANIFEST_FILE.format ||
        manifest.files.some((file) => file.name === reportFileOfFormat(format)),
    );
  for (const format of formats) {
    const name = reportFileOfFormat(format);
    if (format === MANIFEST_FILE.format) {
      files.push({
        name,
        format,
        key: record.manifestKey,
        sha256: manifestSha256,
        size: manifestBytes.length,
        bytes: manifestBytes,
      });
      continue;
    }
    const entry = manifest.files.find((file) => file.name === name);
    const indexed = record.files.find((file) => file.name === name);
    const since = REPORT_FILES.find((file) => file.name === name)?.since ?? 1;
    if (!entry && manifest.schemaVersion < since)
      throw new NotFoundError(
        `${label} was published before ${name} existed (manifest schema ${manifest.schemaVersion}): it has no ${name}`,
      );
    if (!entry) throw new IntegrityError(`the manifest of ${label} lists no ${name}`);
    if (indexed?.sha256 !== entry.sha256 || indexed.key !== entry.key)
      throw new IntegrityError(
        `the report index and the manifest of ${label} disagree about ${name}: run \`strategy-report reports verify ${record.period}\``,
      );
    const bytes = await read(ports.reportObjects, entry.key);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== entry.sha256 || bytes.length !== entry.size)
      throw new IntegrityError(
        `${entry.key} has SHA-256 ${sha256} (${bytes.length} bytes), but the manifest of ${label} records ${entry.sha256} (${entry.size} bytes): the file was altered; nothing was written`,
      );
    files.push({ name, format, key: entry.key, sha256, size: bytes.length, bytes });
  }
  return { record, manifest, files };
}
