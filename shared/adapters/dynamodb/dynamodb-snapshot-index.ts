import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Period } from '../../domain/period';
import type { SnapshotIndex, SnapshotRecord } from '../../ports/snapshot-index';
import { GSI1 } from '../../storage/table-definition';
import { conditionalWrite } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';
import { latestVersionRecord, versionRecords } from './versioned-items';

/**
 * Snapshot index items in the table: `ROLLUP#<period>` / `V#<n>` per version (also in GSI1 under
 * `SNAPSHOTS` for trends), and `ROLLUP#<period>` / `INPUTS#<hash>` per distinct input hash, which
 * holds the version once a save of those inputs completed.
 */
export class DynamoDbSnapshotIndex implements SnapshotIndex {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private inputsKey(period: Period, inputHash: string) {
    return { pk: itemKeys.rollup(period), sk: itemKeys.snapshotInputs(inputHash) };
  }

  async versionOfInputs(period: Period, inputHash: string): Promise<number | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.inputsKey(period, inputHash),
        ConsistentRead: true,
      }),
    );
    return typeof result.Item?.version === 'number' ? result.Item.version : undefined;
  }

  async claimInputs(period: Period, inputHash: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.inputsKey(period, inputHash), entity: 'SnapshotInputs' },
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(version)',
        }),
      ),
    );
  }

  async setInputsVersion(period: Period, inputHash: string, version: number): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.inputsKey(period, inputHash),
        UpdateExpression: 'SET version = :version',
        ExpressionAttributeValues: { ':version': version },
      }),
    );
  }

  async putRecord(record: SnapshotRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.rollup(record.period),
            sk: itemKeys.version(record.version),
            [GSI1.partitionKey.name]: itemKeys.allSnapshots,
            [GSI1.sortKey.name]: itemKeys.periodVersion(record.period, record.version),
            entity: 'RollupSnapshot',
            record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async record(period: Period, version: number): Promise<SnapshotRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.rollup(period), sk: itemKeys.version(version) },
        ConsistentRead: true,
      }),
    );
    return result.Item?.record as SnapshotRecord | undefined;
  }

  async latest(period: Period): Promise<SnapshotRecord | undefined> {
    return latestVersionRecord<SnapshotRecord>(this.documents, this.tableName, itemKeys.rollup(period));
  }

  async versions(period: Period): Promise<SnapshotRecord[]> {
    return versionRecords<SnapshotRecord>(this.documents, this.tableName, itemKeys.rollup(period));
  }

  async latestInRange(from: Period, to: Period): Promise<SnapshotRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name, '#sk': GSI1.sortKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.allSnapshots, ':from': `${from}#`, ':to': `${to}#~` },
    });
    const latestByPeriod = new Map<string, SnapshotRecord>();
    for (const item of items) {
      const record = item.record as SnapshotRecord;
      const current = latestByPeriod.get(record.period);
      if (!current || current.version < record.version) latestByPeriod.set(record.period, record);
    }
    return [...latestByPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  }
}
