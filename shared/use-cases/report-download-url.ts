import {
  MANIFEST_FILE,
  type ReportFileFormat,
  reportFileOfFormat,
  type StoredFileName,
} from '../domain/report/report-files';
import { type ReportPeriod, reportKindOf } from '../domain/report/report-period';
import type { Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex } from '../ports/report-index';
import { findReportVersion } from './find-report-version';
import { readChainManifest, reportFileLink } from './report-reads';

export interface ReportDownloadUrl {
  readonly period: ReportPeriod;
  readonly version: number;
  readonly format: ReportFileFormat;
  readonly name: string;
  readonly key: string;
  /** What the downloaded bytes must hash to (from the manifest, itself checked against the index). */
  readonly sha256: string;
  readonly expiresInSeconds: number;
  readonly expiresAt: string;
  readonly url: string;
}

/**
 * A presigned GET link to one file of a report version. The file's hash comes from the manifest,
 * read and checked against the report index first, so whoever receives the link can check the
 * bytes. Signing is local: nothing is written.
 */
export async function reportDownloadUrl(
  ports: { readonly reportIndex: ReportIndex; readonly reportObjects: ObjectStore; readonly clock: Clock },
  request: {
    readonly period: ReportPeriod;
    readonly version?: number;
    readonly format: ReportFileFormat;
    readonly expiresInSeconds: number;
  },
): Promise<ReportDownloadUrl> {
  const record = await findReportVersion(ports.reportIndex, request.period, request.version);
  const manifest = await readChainManifest(ports.reportObjects, record);
  const name = reportFileOfFormat(request.format, reportKindOf(record.period));
  const file =
    name === MANIFEST_FILE.name
      ? { key: record.manifestKey, sha256: record.manifestSha256 }
      : manifest.files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`the manifest of ${record.period} v${record.version} lists no ${name}`);
  const url = await reportFileLink(
    ports.reportObjects,
    record,
    name as StoredFileName | typeof MANIFEST_FILE.name,
    request.expiresInSeconds,
  );
  return {
    period: record.period,
    version: record.version,
    format: request.format,
    name,
    key: file.key,
    sha256: file.sha256,
    expiresInSeconds: request.expiresInSeconds,
    expiresAt: new Date(ports.clock.now().getTime() + request.expiresInSeconds * 1000).toISOString(),
    url,
  };
}
