import type { ChainManifest } from '../domain/report/chain-manifest';
import type { StoredFileName } from '../domain/report/report-files';
import type { ChainLink, ManifestFile } from '../domain/report/report-manifest';
import type { ReportPeriod } from '../domain/report/report-period';
import type { Log } from '../ports/log';
import type { ChainHold, ReportRecord } from '../ports/report-index';
import {
  type ChainHoldTiming,
  holdReportChain,
  type SettledHold,
  settleChainHold,
} from './report-chain-hold';
import {
  claimReportVersion,
  makeVisible,
  type PublicationPorts,
  reportRecordOf,
  storeManifest,
  storeReportFiles,
} from './report-publication';

export interface PublishVersionRequest {
  /** A month (its report) or a quarter (its review pack). */
  readonly period: ReportPeriod;
  /** The files, already rendered: stored in the order of `specs`. */
  readonly rendered: readonly {
    readonly name: string;
    readonly contentType: string;
    readonly bytes: Buffer;
  }[];
  readonly specs: readonly { readonly name: StoredFileName }[];
  /** The manifest of the version, once its number, files and place in the chain are known. */
  readonly manifestOf: (
    version: number,
    files: readonly ManifestFile[],
    chain: { readonly sequence: number; readonly previous: ChainLink | null },
  ) => ChainManifest;
  readonly now: Date;
  readonly chainHold?: Partial<ChainHoldTiming> | undefined;
}

/**
 * Steps 4 to 8 of publishing a version (docs/reports.md), the same for a monthly report and a
 * quarterly review pack: claim a version number, store the files under its keys, hold the chain,
 * store the manifest, make the version visible. Whatever step a crash stops it at, there is either
 * no new visible version or — once the next publication settles the hold — a complete one.
 */
export async function publishVersion(
  ports: PublicationPorts & { readonly log: Log },
  request: PublishVersionRequest,
): Promise<ReportRecord> {
  const { period, now } = request;

  // 4. A version number of its own (conditional put): the version's keys are this render's alone.
  const version = await claimReportVersion(ports.reportIndex, period, now);

  // 5. The files under those keys: invisible, nothing points at them.
  const files = await storeReportFiles(ports.reportObjects, period, version, request.rendered, request.specs);

  // 6. Hold the chain: fixes this version's place in it and the manifest it links to.
  const { hold, previous } = await holdReportChain(ports, { period, version }, now, request.chainHold);
  try {
    // 7. The manifest, last: every file's hash, what it was made from, the previous manifest's hash.
    const manifest = request.manifestOf(version, files, { sequence: hold.sequence, previous });
    const manifestSha256 = await storeManifest(ports.reportObjects, hold.manifestKey, manifest);

    // 8. Visible: the index item, then the head moves to the manifest and the hold ends.
    const record = reportRecordOf(manifest, hold.manifestKey, manifestSha256, now);
    await makeVisible(ports.reportIndex, record, hold.owner);
    return record;
  } catch (error) {
    return settleAfterFailure(ports, hold, now, error);
  }
}

/**
 * A step after the hold failed: finish or give back the hold at once rather than leave it to
 * expire. Finished (the manifest was stored and still links to the head): the version is
 * published after all, and the failure is logged. Not finished: the failure propagates, and if
 * even settling failed, that is logged too — the lease expiry lets the next render settle it.
 */
async function settleAfterFailure(
  ports: PublicationPorts & { readonly log: Log },
  hold: ChainHold,
  now: Date,
  failure: unknown,
): Promise<ReportRecord> {
  let settled: SettledHold | undefined;
  try {
    settled = await settleChainHold(ports, hold, now);
  } catch (error) {
    ports.log.error(
      'could not settle the report chain hold; the next render settles it once its lease expires',
      {
        version: hold.version,
        error,
      },
    );
  }
  if (settled?.kind !== 'completed') throw failure;
  ports.log.warn('a publication step failed, but the version was complete and is published', {
    version: settled.record.version,
    error: failure,
  });
  return settled.record;
}
