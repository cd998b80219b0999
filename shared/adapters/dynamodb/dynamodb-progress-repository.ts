import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Period } from '../../domain/period';
import { type ProgressRow, progressRowSchema } from '../../domain/progress';
import { uploadOrderKey } from '../../domain/submission/upload-order';
import {
  CommitInProgressError,
  type CommitOutcome,
  type NewRevision,
  type ProgressRepository,
  type RevisionRecord,
} from '../../ports/progress-repository';
import { batchPutAll } from './batch-write';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

export interface DynamoDbProgressRepositoryOptions {
  readonly tableName: string;
  /**
   * How long a delivery may hold the claim on a file's bytes before another delivery may take
   * over. Longer than the ingest function's timeout, so a live commit is never interrupted.
   */
  readonly claimLeaseMs?: number;
  readonly newToken?: () => string;
}

/**
 * Progress data in the single table, written without transactions (the local server has none):
 *
 * 1. claim the file's SHA-256 for this office and period (a conditional write; a second delivery
 *    of the same bytes finds the claim and stops);
 * 2. take the next revision number from a counter and note it on the claim;
 * 3. write every row into the revision's own partition (invisible: nothing points there yet);
 * 4. write the revision header, then move the current pointer with a condition that the upload
 *    it points to was made before this one (`uploadOrder`, from the S3 event time and sequencer):
 *    the latest upload is current, whatever order the uploads are committed in;
 * 5. mark the claim committed.
 *
 * Every step after the claim is idempotent, so a delivery that crashed half-way is finished by
 * the next one once its lease expires, reusing the same revision number.
 */
export class DynamoDbProgressRepository implements ProgressRepository {
  private readonly tableName: string;
  private readonly claimLeaseMs: number;
  private readonly newToken: () => string;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    options: DynamoDbProgressRepositoryOptions,
  ) {
    this.tableName = options.tableName;
    this.claimLeaseMs = options.claimLeaseMs ?? 16 * 60 * 1000;
    this.newToken = options.newToken ?? (() => crypto.randomUUID());
  }

  async commitRevision(input: NewRevision, rows: readonly ProgressRow[], now: Date): Promise<CommitOutcome> {
    const pk = itemKeys.submissions(input.period, input.office);
    const claimKey = { pk, sk: itemKeys.shaClaim(input.sha256) };
    const token = this.newToken();

    // 1. Claim the bytes.
    const claim = await this.claimBytes(input, claimKey, token, now);
    if (claim.kind === 'duplicate') return claim;

    // 2. The revision number: reuse the one a crashed delivery already took, or take the next.
    const revisionNumber = await this.revisionNumber(pk, claimKey, token, claim.claimed);
    const record = { ...input, revision: revisionNumber, rowCount: rows.length } satisfies RevisionRecord;

    // 3. Rows, where nothing points yet.
    const rowsPk = itemKeys.revisionRows(input.period, input.office, revisionNumber);
    await batchPutAll(
      this.documents,
      this.tableName,
      rows.map((row) => ({ pk: rowsPk, sk: itemKeys.row(row.activityId), entity: 'ProgressRow', row })),
    );

    // 4. Header, then the pointer, which only moves to a later upload.
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk, sk: itemKeys.revisionHeader(revisionNumber), entity: 'Revision', record },
      }),
    );
    await this.moveCurrentPointer(record);

    // 5. Done: later deliveries of these bytes are duplicates.
    await this.updateOwnClaim(claimKey, token, 'SET #state = :committed REMOVE leaseUntil', {
      ':committed': 'committed',
    });
    return { kind: 'committed', revision: record };
  }

  /**
   * Takes the claim on the bytes (new, or one whose holder's lease expired). Bytes committed
   * before are a duplicate; bytes another delivery is committing right now are CommitInProgressError.
   */
  private async claimBytes(
    input: NewRevision,
    claimKey: Record<string, string>,
    token: string,
    now: Date,
  ): Promise<
    { kind: 'claimed'; claimed: Record<string, unknown> } | { kind: 'duplicate'; revision: RevisionRecord }
  > {
    try {
      const result = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: claimKey,
          UpdateExpression:
            'SET #state = :pending, leaseUntil = :lease, claimToken = :token, entity = :entity',
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :pending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':lease': now.getTime() + this.claimLeaseMs,
            ':token': token,
            ':now': now.getTime(),
            ':entity': 'ShaClaim',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { kind: 'claimed', claimed: result.Attributes ?? {} };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.findRevisionBySha(input.office, input.period, input.sha256);
      if (existing) return { kind: 'duplicate', revision: existing };
      throw new CommitInProgressError(
        `another delivery of the same file for ${input.office} ${input.period} is being committed`,
      );
    }
  }

  private async revisionNumber(
    pk: string,
    claimKey: Record<string, string>,
    token: string,
    claimed: Record<string, unknown>,
  ): Promise<number> {
    if (typeof claimed.revision === 'number') return claimed.revision;
    const counter = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: itemKeys.revisionCounter },
        UpdateExpression: 'ADD lastRevision :one SET entity = :entity',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'RevisionCounter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const revisionNumber = Number(counter.Attributes?.lastRevision);
    await this.updateOwnClaim(claimKey, token, 'SET revision = :revision', { ':revision': revisionNumber });
    return revisionNumber;
  }

  /**
   * Points the office's current revision at this one unless the current one's upload was made
   * later (or is this very upload, when a delivery finishes a crashed one). A pointer written before
   * uploads carried their order has no `uploadOrder`: any new revision replaces it.
   */
  private async moveCurrentPointer(record: RevisionRecord & Pick<NewRevision, 'uploaded'>): Promise<void> {
    const uploadOrder = uploadOrderKey(record.source.key, record.uploaded);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.period(record.period),
            sk: itemKeys.currentPointer(record.office),
            entity: 'CurrentRevision',
            revision: record.revision,
            uploadOrder,
            record,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR attribute_not_exists(uploadOrder) OR uploadOrder < :uploadOrder',
          ExpressionAttributeValues: { ':uploadOrder': uploadOrder },
        }),
      );
    } catch (error) {
      // A later upload is already current: this one stays in history, as it should.
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async updateOwnClaim(
    key: Record<string, string>,
    token: string,
    updateExpression: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: updateExpression,
          ConditionExpression: 'claimToken = :token',
          ...(updateExpression.includes('#state') ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
          ExpressionAttributeValues: { ...values, ':token': token },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new CommitInProgressError('the claim on this file was taken over by another delivery');
    }
  }

  async findRevisionBySha(
    office: string,
    period: Period,
    sha256: string,
  ): Promise<RevisionRecord | undefined> {
    const pk = itemKeys.submissions(period, office);
    const claim = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk: itemKeys.shaClaim(sha256) },
        ConsistentRead: true,
      }),
    );
    if (claim.Item?.state !== 'committed' || typeof claim.Item.revision !== 'number') return undefined;
    const header = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk: itemKeys.revisionHeader(claim.Item.revision) },
        ConsistentRead: true,
      }),
    );
    return header.Item?.record as RevisionRecord | undefined;
  }

  async currentRevisions(period: Period): Promise<RevisionRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': itemKeys.period(period), ':prefix': itemKeys.currentPointerPrefix },
      ConsistentRead: true,
    });
    return items.map((item) => item.record as RevisionRecord);
  }

  async currentRevision(office: string, period: Period): Promise<RevisionRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.period(period), sk: itemKeys.currentPointer(office) },
        ConsistentRead: true,
      }),
    );
    return result.Item?.record as RevisionRecord | undefined;
  }

  async revisions(office: string, period: Period): Promise<RevisionRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': itemKeys.submissions(period, office),
        ':prefix': itemKeys.revisionHeaderPrefix,
      },
      ConsistentRead: true,
    });
    return items.map((item) => item.record as RevisionRecord);
  }

  async rows(office: string, period: Period, revision: number): Promise<ProgressRow[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': itemKeys.revisionRows(period, office, revision) },
      ConsistentRead: true,
    });
    return items
      .map((item) => progressRowSchema.parse(item.row))
      .sort((a, b) => compareActivityIds(a.activityId, b.activityId));
  }
}

/** Orders `2.9.1` before `2.10.1`. */
export function compareActivityIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
