import { compareActivityIds } from '../../../shared/adapters/dynamodb/dynamodb-progress-repository';
import type { Period } from '../../../shared/domain/period';
import type { ProgressRow } from '../../../shared/domain/progress';
import { uploadOrderKey } from '../../../shared/domain/submission/upload-order';
import {
  CommitInProgressError,
  type CommitOutcome,
  type NewRevision,
  type ProgressRepository,
  type RevisionRecord,
} from '../../../shared/ports/progress-repository';

interface ShaClaim {
  state: 'pending' | 'committed';
  revision?: number;
  leaseUntil?: number;
}

/**
 * Progress data in memory, answering like DynamoDbProgressRepository: the same bytes for an office
 * and period are one revision (a second commit is a duplicate; one racing a live claim is
 * CommitInProgressError); revision numbers count up per office and period, in commit order; the
 * current pointer moves only to a later upload (`uploadOrderKey`), and a pointer to a revision with
 * no upload moment (committed before uploads were ordered) gives way to any new one.
 * `pendingClaim` leaves a claim as a delivery that died half-way would; `legacyCurrent` puts such
 * an old revision in place.
 */
export class InMemoryProgressRepository implements ProgressRepository {
  private readonly claims = new Map<string, ShaClaim>();
  private readonly counters = new Map<string, number>();
  private readonly headers = new Map<string, RevisionRecord[]>();
  private readonly rowsOf = new Map<string, ProgressRow[]>();
  private readonly current = new Map<string, { record: RevisionRecord; uploadOrder?: string }>();

  async commitRevision(input: NewRevision, rows: readonly ProgressRow[], now: Date): Promise<CommitOutcome> {
    const scope = `${input.period}#${input.office}`;
    const claimKey = `${scope}#${input.sha256}`;
    const existing = this.claims.get(claimKey);
    if (existing && !(existing.state === 'pending' && (existing.leaseUntil ?? 0) < now.getTime())) {
      const revision = await this.findRevisionBySha(input.office, input.period, input.sha256);
      if (revision) return { kind: 'duplicate', revision };
      throw new CommitInProgressError(
        `another delivery of the same file for ${input.office} ${input.period} is being committed`,
      );
    }
    const revisionNumber = existing?.revision ?? (this.counters.get(scope) ?? 0) + 1;
    if (existing?.revision === undefined) this.counters.set(scope, revisionNumber);
    const record: RevisionRecord = { ...input, revision: revisionNumber, rowCount: rows.length };
    this.rowsOf.set(`${scope}#${revisionNumber}`, structuredClone([...rows]));
    this.headers.set(scope, [
      ...(this.headers.get(scope) ?? []).filter((header) => header.revision !== revisionNumber),
      structuredClone(record),
    ]);
    const uploadOrder = uploadOrderKey(input.source.key, input.uploaded);
    const current = this.current.get(scope);
    if (current?.uploadOrder === undefined || current.uploadOrder < uploadOrder)
      this.current.set(scope, { record: structuredClone(record), uploadOrder });
    this.claims.set(claimKey, { state: 'committed', revision: revisionNumber });
    return { kind: 'committed', revision: record };
  }

  /** A current revision committed before uploads carried their moment (no `uploaded`, no order). */
  legacyCurrent(record: Omit<RevisionRecord, 'uploaded'>): void {
    const scope = `${record.period}#${record.office}`;
    this.counters.set(scope, Math.max(this.counters.get(scope) ?? 0, record.revision));
    this.headers.set(scope, [...(this.headers.get(scope) ?? []), structuredClone(record)]);
    this.current.set(scope, { record: structuredClone(record) });
  }

  /** A claim on the bytes held by a delivery that is still committing (or died), until `leaseUntil`. */
  pendingClaim(office: string, period: Period, sha256: string, leaseUntil: Date): void {
    this.claims.set(`${period}#${office}#${sha256}`, { state: 'pending', leaseUntil: leaseUntil.getTime() });
  }

  async findRevisionBySha(
    office: string,
    period: Period,
    sha256: string,
  ): Promise<RevisionRecord | undefined> {
    const claim = this.claims.get(`${period}#${office}#${sha256}`);
    if (claim?.state !== 'committed') return undefined;
    return (await this.revisions(office, period)).find((revision) => revision.revision === claim.revision);
  }

  async currentRevisions(period: Period): Promise<RevisionRecord[]> {
    return [...this.current.entries()]
      .filter(([scope]) => scope.startsWith(`${period}#`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, current]) => structuredClone(current.record));
  }

  async currentRevision(office: string, period: Period): Promise<RevisionRecord | undefined> {
    const current = this.current.get(`${period}#${office}`);
    return current && structuredClone(current.record);
  }

  async revisions(office: string, period: Period): Promise<RevisionRecord[]> {
    return (this.headers.get(`${period}#${office}`) ?? [])
      .slice()
      .sort((a, b) => a.revision - b.revision)
      .map((record) => structuredClone(record));
  }

  async rows(office: string, period: Period, revision: number): Promise<ProgressRow[]> {
    return structuredClone(this.rowsOf.get(`${period}#${office}#${revision}`) ?? []).sort((a, b) =>
      compareActivityIds(a.activityId, b.activityId),
    );
  }
}
