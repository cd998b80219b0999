import { randomUUID } from 'node:crypto';
import { parseChainManifest } from '../domain/report/chain-manifest';
import type { ChainLink } from '../domain/report/report-manifest';
import type { ReportPeriod } from '../domain/report/report-period';
import { sha256Hex } from '../domain/sha256';
import type { ChainHold, ChainState, ReportRecord } from '../ports/report-index';
import { makeVisible, manifestKeyOf, type PublicationPorts, reportRecordOf } from './report-publication';

/**
 * Another render is publishing right now (it holds the chain for a moment). Retry shortly; if it
 * died, its hold expires and the next render completes or abandons its work.
 */
export class ReportChainBusyError extends Error {
  override readonly name = 'ReportChainBusyError';
}

export interface ChainHoldTiming {
  /**
   * How long a render may hold the chain before another may complete or abandon its work. Longer
   * than any function timeout, so a live render never loses it; the hold itself lasts only for one
   * S3 PUT and two table writes.
   */
  readonly leaseMs: number;
  /** How long to wait for another render's hold to end before giving up (ReportChainBusyError). */
  readonly waitForChainMs: number;
  readonly pollMs: number;
  readonly sleep: (milliseconds: number) => Promise<void>;
}

export const DEFAULT_CHAIN_HOLD_TIMING: ChainHoldTiming = {
  leaseMs: 15 * 60_000,
  waitForChainMs: 30_000,
  pollMs: 250,
  sleep: (milliseconds) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)),
};

/** The chain held for one version: its place (`hold.sequence`) and the manifest before it. */
export interface HeldChain {
  readonly hold: ChainHold;
  readonly previous: ChainLink | null;
}

export type SettledHold = { kind: 'completed'; record: ReportRecord } | { kind: 'abandoned' };

/**
 * Holds the manifest chain for one version: sets `pending` on the head with a conditional write
 * that requires no other hold and the head still at sequence n, which fixes this version's place
 * (n+1) and the manifest it links to. While another live render holds the chain, waits (polling)
 * and then gives up with ReportChainBusyError; a hold whose lease expired is settled first.
 */
export async function holdReportChain(
  ports: PublicationPorts,
  publication: { readonly period: ReportPeriod; readonly version: number },
  now: Date,
  timing: Partial<ChainHoldTiming> = {},
): Promise<HeldChain> {
  const { leaseMs, waitForChainMs, pollMs, sleep } = { ...DEFAULT_CHAIN_HOLD_TIMING, ...timing };
  const claim = {
    owner: randomUUID(),
    period: publication.period,
    version: publication.version,
    manifestKey: manifestKeyOf(publication.period, publication.version),
  };
  const leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
  let waited = 0;
  for (;;) {
    const head = await ports.reportIndex.chainState();
    if (head?.pending) {
      if (head.pending.leaseExpiresAt <= now.toISOString()) {
        await settleChainHold(ports, head.pending, now);
        continue;
      }
      if (waited >= waitForChainMs)
        throw new ReportChainBusyError(
          `another render (${head.pending.period} v${head.pending.version}) is publishing; try again shortly`,
        );
      await sleep(pollMs);
      waited += pollMs;
      continue;
    }
    const hold: ChainHold = { ...claim, sequence: (head?.sequence ?? 0) + 1, leaseExpiresAt };
    // Refused: another render moved the head or took the hold in between; read it again.
    if (await ports.reportIndex.holdChain(hold, head?.sequence)) return { hold, previous: linkOf(head) };
  }
}

/**
 * Ends a hold on the chain: completes the publication when its manifest was stored and links to
 * the current head (the index item, then the head), abandons it otherwise (its files stay,
 * unlisted, under their own keys). A hold someone else settled already is reported as they left it.
 */
export async function settleChainHold(
  ports: PublicationPorts,
  hold: ChainHold,
  now: Date,
): Promise<SettledHold> {
  const head = await ports.reportIndex.chainState();
  if (head?.pending?.owner !== hold.owner) {
    const record = await ports.reportIndex.record(hold.period, hold.version);
    return record ? { kind: 'completed', record } : { kind: 'abandoned' };
  }
  if (await ports.reportObjects.head(hold.manifestKey)) {
    const bytes = await ports.reportObjects.get(hold.manifestKey);
    const manifest = parseChainManifest(bytes);
    const expectedPrevious = head.sequence > 0 ? (head.manifestSha256 ?? null) : null;
    if (
      manifest.chain.sequence === head.sequence + 1 &&
      (manifest.chain.previous?.sha256 ?? null) === expectedPrevious
    ) {
      const record = reportRecordOf(manifest, hold.manifestKey, sha256Hex(bytes), now);
      await makeVisible(ports.reportIndex, record, hold.owner);
      return { kind: 'completed', record };
    }
  }
  if (!(await ports.reportIndex.releaseChain(hold.owner)))
    throw new ReportChainBusyError(
      `another render settled the hold of ${hold.period} v${hold.version} at the same time; try again shortly`,
    );
  return { kind: 'abandoned' };
}

/** The manifest the head names, as the next manifest's `chain.previous`; null before the first report. */
function linkOf(head: ChainState | undefined): ChainLink | null {
  return head && head.sequence > 0 && head.period && head.version && head.manifestKey && head.manifestSha256
    ? { period: head.period, version: head.version, key: head.manifestKey, sha256: head.manifestSha256 }
    : null;
}
