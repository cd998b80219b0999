import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ReportPeriod as Period } from '../../domain/report/report-period';
import {
  type ChainHead,
  type ChainHold,
  type ChainState,
  chainHeadOf,
  type PendingPublication,
  pendingPublicationOf,
  type ReportIndex,
  type ReportRecord,
} from '../../ports/report-index';
import { conditionalWrite } from './condition-failure';
import { itemKeys } from './item-keys';
import {
  latestVersionRecord,
  putVersionRecord,
  versionRecord,
  versionRecords,
  versionRecordsInRange,
} from './versioned-items';

const HEAD_KEY = { pk: itemKeys.chain, sk: itemKeys.chainHead };

/**
 * Report items in the table (docs/reports.md): `REPORT#<period>` / `CLAIM#<v>` per claimed version
 * number, `REPORT#<period>` / `V#<v>` per published version (also in GSI1 under `REPORTS`), and
 * `CHAIN` / `HEAD`, the latest manifest with the `pending` hold of a render publishing right now.
 * Every write that could race is conditional; a refusal comes back as `false`.
 */
export class DynamoDbReportIndex implements ReportIndex {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async lastClaimedVersion(period: Period): Promise<number> {
    const last = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': itemKeys.report(period), ':prefix': itemKeys.reportClaimPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (last.Items?.[0]?.version as number | undefined) ?? 0;
  }

  async claimVersion(period: Period, version: number, claimedAt: Date): Promise<boolean> {
    return conditionalWrite(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.report(period),
            sk: itemKeys.reportClaim(version),
            entity: 'ReportVersionClaim',
            version,
            claimedAt: claimedAt.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async chainState(): Promise<ChainState | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: HEAD_KEY, ConsistentRead: true }),
    );
    return result.Item ? chainStateOf(result.Item as ChainState) : undefined;
  }

  async holdChain(hold: ChainHold, sequence: number | undefined): Promise<boolean> {
    if (sequence === undefined)
      return conditionalWrite(() =>
        this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...HEAD_KEY, entity: 'ReportChainHead', sequence: 0, pending: hold },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    return conditionalWrite(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: HEAD_KEY,
          UpdateExpression: 'SET #pending = :pending',
          ConditionExpression: 'attribute_not_exists(#pending) AND #sequence = :sequence',
          ExpressionAttributeNames: { '#pending': 'pending', '#sequence': 'sequence' },
          ExpressionAttributeValues: { ':pending': hold, ':sequence': sequence },
        }),
      ),
    );
  }

  async advanceChain(record: ReportRecord, owner: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: HEAD_KEY,
          UpdateExpression:
            'SET #sequence = :sequence, #period = :period, #version = :version, manifestKey = :key, manifestSha256 = :sha REMOVE #pending',
          ConditionExpression: '#pending.#owner = :owner',
          ExpressionAttributeNames: {
            '#sequence': 'sequence',
            '#period': 'period',
            '#version': 'version',
            '#pending': 'pending',
            '#owner': 'owner',
          },
          ExpressionAttributeValues: {
            ':sequence': record.sequence,
            ':period': record.period,
            ':version': record.version,
            ':key': record.manifestKey,
            ':sha': record.manifestSha256,
            ':owner': owner,
          },
        }),
      ),
    );
  }

  async releaseChain(owner: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: HEAD_KEY,
          UpdateExpression: 'REMOVE #pending',
          ConditionExpression: '#pending.#owner = :owner',
          ExpressionAttributeNames: { '#pending': 'pending', '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
  }

  async putRecord(record: ReportRecord): Promise<boolean> {
    return putVersionRecord(this.documents, this.tableName, {
      pk: itemKeys.report(record.period),
      listing: itemKeys.allReports,
      entity: 'Report',
      record,
    });
  }

  async record(period: Period, version: number): Promise<ReportRecord | undefined> {
    return versionRecord<ReportRecord>(this.documents, this.tableName, itemKeys.report(period), version);
  }

  async versions(period: Period): Promise<ReportRecord[]> {
    return versionRecords<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async latest(period: Period): Promise<ReportRecord | undefined> {
    return latestVersionRecord<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async inRange(from: Period, to: Period): Promise<ReportRecord[]> {
    return versionRecordsInRange<ReportRecord>(this.documents, this.tableName, itemKeys.allReports, from, to);
  }

  async chainHead(): Promise<ChainHead | undefined> {
    return chainHeadOf(await this.chainState());
  }

  async pendingPublication(): Promise<PendingPublication | undefined> {
    return pendingPublicationOf(await this.chainState());
  }
}

/** The head item without its keys: the link it names (if any) and the hold (if any). */
function chainStateOf(item: ChainState): ChainState {
  const { sequence, period, version, manifestKey, manifestSha256, pending } = item;
  return {
    sequence,
    ...(period !== undefined ? { period } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(manifestKey !== undefined ? { manifestKey } : {}),
    ...(manifestSha256 !== undefined ? { manifestSha256 } : {}),
    ...(pending !== undefined ? { pending } : {}),
  };
}
