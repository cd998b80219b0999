import { compareReproduction, type ReproducedFile } from '../domain/audit/reproduction';
import { canonicalJson } from '../domain/canonical-json';
import { IntegrityError } from '../domain/errors';
import { isPackManifest } from '../domain/report/chain-manifest';
import type { QuarterlyPackManifest } from '../domain/report/quarterly-pack-manifest';
import type { QuarterKey } from '../domain/report/report-period';
import type { QuarterlyReviewInputs } from '../domain/review/quarterly-review-inputs';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { QuarterlyPackRenderer } from '../ports/quarterly-pack-renderer';
import type { ReportIndex } from '../ports/report-index';
import { findReportVersion } from './find-report-version';
import { readChainManifest } from './report-reads';
import { hashStoredObject } from './stored-object-hash';

export interface ReproduceQuarterlyReviewPorts {
  readonly reportIndex: ReportIndex;
  /** The reports bucket: the manifest and the stored inputs are read from it, the files re-hashed. */
  readonly reportObjects: ObjectStore;
  readonly packRenderer: QuarterlyPackRenderer;
}

export interface PackReproduction {
  readonly kind: 'quarterly';
  readonly period: QuarterKey;
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly generatedAt: string;
  /** The SHA-256 of the stored inputs the pack was rendered again from. */
  readonly inputsSha256: string;
  readonly snapshots: QuarterlyPackManifest['snapshots'];
  readonly renderOptions: QuarterlyPackManifest['renderOptions'];
  readonly softwareVersion: { readonly recorded: string; readonly running: string };
  readonly matches: boolean;
  readonly files: readonly ReproducedFile[];
}

/**
 * Renders a quarterly review pack version again, in memory, from the inputs it stored
 * (`inputs.json`, checked against the manifest's SHA-256 first: altered inputs prove nothing), with
 * the generated-at date and renderer version its manifest records — never today's snapshots,
 * configuration or clock — and compares every file's bytes with the stored ones and the manifest's
 * hashes. The inputs file itself matches when its stored bytes are the canonical JSON of what they
 * say. Writes nothing.
 */
export async function reproduceQuarterlyReview(
  ports: ReproduceQuarterlyReviewPorts,
  request: { readonly quarter: QuarterKey; readonly version?: number; readonly softwareVersion: string },
): Promise<PackReproduction> {
  const record = await findReportVersion(ports.reportIndex, request.quarter, request.version);
  const manifest = await readChainManifest(ports.reportObjects, record);
  if (!isPackManifest(manifest))
    throw new IntegrityError(`${record.manifestKey} is not the manifest of a quarterly review pack`);

  const inputsFile = manifest.files.find((file) => file.name === 'inputs.json');
  if (!inputsFile) throw new IntegrityError(`the manifest of ${record.manifestKey} lists no inputs.json`);
  const inputsBytes = await ports.reportObjects.get(inputsFile.key);
  const storedInputsSha256 = sha256Hex(inputsBytes);
  if (storedInputsSha256 !== inputsFile.sha256)
    throw new IntegrityError(
      `${inputsFile.key} has SHA-256 ${storedInputsSha256}, but the manifest records ${inputsFile.sha256}: the stored inputs were altered, so the pack cannot be rendered again from them`,
    );
  const inputs = JSON.parse(inputsBytes.toString('utf8')) as QuarterlyReviewInputs;

  const rendered = await ports.packRenderer.render(inputs, {
    generatedAt: manifest.generatedAt,
    rendererVersion: manifest.renderOptions.rendererVersion,
  });
  const reproduced = new Map<string, string>(rendered.map((file) => [file.name, sha256Hex(file.bytes)]));
  reproduced.set(inputsFile.name, sha256Hex(Buffer.from(canonicalJson(inputs), 'utf8')));
  const stored = new Map<string, string | null>();
  for (const file of manifest.files)
    stored.set(file.name, (await hashStoredObject(ports.reportObjects, file.key))?.sha256 ?? null);
  const software = { recorded: manifest.softwareVersion, running: request.softwareVersion };
  const files = compareReproduction(manifest.files, stored, reproduced, software);
  return {
    kind: 'quarterly',
    period: request.quarter,
    version: record.version,
    sequence: record.sequence,
    manifestKey: record.manifestKey,
    generatedAt: manifest.generatedAt,
    inputsSha256: inputsFile.sha256,
    snapshots: manifest.snapshots,
    renderOptions: manifest.renderOptions,
    softwareVersion: software,
    matches: files.length > 0 && files.every((file) => file.matches),
    files,
  };
}
