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
import { comparedWithStored, type ReproducedVersion } from './reproduce-report';

export interface ReproduceQuarterlyReviewPorts {
  readonly reportIndex: ReportIndex;
  /** The reports bucket: the manifest and the stored inputs are read from it, the files re-hashed. */
  readonly reportObjects: ObjectStore;
  readonly packRenderer: QuarterlyPackRenderer;
}

export interface PackReproduction extends ReproducedVersion {
  readonly kind: 'quarterly';
  readonly period: QuarterKey;
  /** The SHA-256 of the stored inputs the pack was rendered again from. */
  readonly inputsSha256: string;
  readonly snapshots: QuarterlyPackManifest['snapshots'];
  readonly renderOptions: QuarterlyPackManifest['renderOptions'];
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
  const compared = await comparedWithStored(
    ports.reportObjects,
    record,
    manifest,
    reproduced,
    request.softwareVersion,
  );
  return {
    kind: 'quarterly',
    period: request.quarter,
    ...compared,
    inputsSha256: inputsFile.sha256,
    snapshots: manifest.snapshots,
    renderOptions: manifest.renderOptions,
  };
}
