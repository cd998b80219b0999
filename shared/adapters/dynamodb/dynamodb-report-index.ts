import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Period } from '../../domain/period';
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
import { GSI1 } from '../../storage/table-definition';
import { conditionalWrite } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';
import { latestVersionRecord, versionRecords } from './versioned-items';

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
    return conditionalWrite(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.report(record.period),
            sk: itemKeys.version(record.version),
            [GSI1.partitionKey.name]: itemKeys.allReports,
            [GSI1.sortKey.name]: itemKeys.periodVersion(record.period, record.version),
            entity: 'Report',
            record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async record(period: Period, version: number): Promise<ReportRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.report(period), sk: itemKeys.version(version) },
        ConsistentRead: true,
      }),
    );
    return result.Item?.record as ReportRecord | undefined;
  }

  async versions(period: Period): Promise<ReportRecord[]> {
    return versionRecords<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async latest(period: Period): Promise<ReportRecord | undefined> {
    return latestVersionRecord<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async inRange(from: Period, to: Period): Promise<ReportRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name, '#sk': GSI1.sortKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.allReports, ':from': `${from}#`, ':to': `${to}#~` },
    });
    return items.map((item) => item.record as ReportRecord);
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
