import type { ReportPeriod as Period } from '../../../shared/domain/report/report-period';
import {
  type ChainHead,
  type ChainHold,
  type ChainState,
  chainHeadOf,
  type PendingPublication,
  pendingPublicationOf,
  type ReportIndex,
  type ReportRecord,
} from '../../../shared/ports/report-index';

/**
 * The report index in memory, with DynamoDbReportIndex's conditions: a version number is claimed
 * once, a version indexed once, the chain held only at the expected sequence with no other hold,
 * moved or released only by its holder. Everything read is a copy, as from a table. `down` makes
 * every call fail, as a process that lost the table (or died) would see it.
 */
export class InMemoryReportIndex implements ReportIndex {
  private readonly claims = new Map<string, { version: number; claimedAt: string }>();
  private readonly records = new Map<string, ReportRecord>();
  private chain: ChainState | undefined;
  down = false;

  async lastClaimedVersion(period: Period): Promise<number> {
    this.reachable();
    const versions = [...this.claims.entries()]
      .filter(([key]) => key.startsWith(`${period}#`))
      .map(([, claim]) => claim.version);
    return Math.max(0, ...versions);
  }

  async claimVersion(period: Period, version: number, claimedAt: Date): Promise<boolean> {
    this.reachable();
    const key = `${period}#${version}`;
    if (this.claims.has(key)) return false;
    this.claims.set(key, { version, claimedAt: claimedAt.toISOString() });
    return true;
  }

  async chainState(): Promise<ChainState | undefined> {
    this.reachable();
    return copy(this.chain);
  }

  async holdChain(hold: ChainHold, sequence: number | undefined): Promise<boolean> {
    this.reachable();
    if (sequence === undefined) {
      if (this.chain) return false;
      this.chain = { sequence: 0, pending: copy(hold) };
      return true;
    }
    if (!this.chain || this.chain.pending || this.chain.sequence !== sequence) return false;
    this.chain = { ...this.chain, pending: copy(hold) };
    return true;
  }

  async advanceChain(record: ReportRecord, owner: string): Promise<boolean> {
    this.reachable();
    if (this.chain?.pending?.owner !== owner) return false;
    this.chain = {
      sequence: record.sequence,
      period: record.period,
      version: record.version,
      manifestKey: record.manifestKey,
      manifestSha256: record.manifestSha256,
    };
    return true;
  }

  async releaseChain(owner: string): Promise<boolean> {
    this.reachable();
    if (!this.chain || this.chain.pending?.owner !== owner) return false;
    const { pending: _released, ...rest } = this.chain;
    this.chain = rest;
    return true;
  }

  async putRecord(record: ReportRecord): Promise<boolean> {
    this.reachable();
    const key = `${record.period}#${record.version}`;
    if (this.records.has(key)) return false;
    this.records.set(key, copy(record));
    return true;
  }

  async record(period: Period, version: number): Promise<ReportRecord | undefined> {
    this.reachable();
    return copy(this.records.get(`${period}#${version}`));
  }

  async versions(period: Period): Promise<ReportRecord[]> {
    return (await this.inRange(period, period)).filter((record) => record.period === period);
  }

  async latest(period: Period): Promise<ReportRecord | undefined> {
    return (await this.versions(period)).at(-1);
  }

  async inRange(from: Period, to: Period): Promise<ReportRecord[]> {
    this.reachable();
    return [...this.records.values()]
      .filter((record) => record.period >= from && record.period <= to)
      .sort((a, b) => a.period.localeCompare(b.period) || a.version - b.version)
      .map(copy);
  }

  async chainHead(): Promise<ChainHead | undefined> {
    return chainHeadOf(await this.chainState());
  }

  async pendingPublication(): Promise<PendingPublication | undefined> {
    return pendingPublicationOf(await this.chainState());
  }

  private reachable(): void {
    if (this.down) throw new Error('the table is unreachable');
  }
}

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
