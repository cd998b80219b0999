import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Period } from '../../domain/period';
import type { SnapshotIndex, SnapshotRecord } from '../../ports/snapshot-index';
import { conditionalWrite } from './condition-failure';
import { itemKeys } from './item-keys';
import {
  latestVersionRecord,
  putVersionRecord,
  versionRecord,
  versionRecords,
  versionRecordsInRange,
} from './versioned-items';

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
    return putVersionRecord(this.documents, this.tableName, {
      pk: itemKeys.rollup(record.period),
      listing: itemKeys.allSnapshots,
      entity: 'RollupSnapshot',
      record,
    });
  }

  async record(period: Period, version: number): Promise<SnapshotRecord | undefined> {
    return versionRecord<SnapshotRecord>(this.documents, this.tableName, itemKeys.rollup(period), version);
  }

  async latest(period: Period): Promise<SnapshotRecord | undefined> {
    return latestVersionRecord<SnapshotRecord>(this.documents, this.tableName, itemKeys.rollup(period));
  }

  async versions(period: Period): Promise<SnapshotRecord[]> {
    return versionRecords<SnapshotRecord>(this.documents, this.tableName, itemKeys.rollup(period));
  }

  async latestInRange(from: Period, to: Period): Promise<SnapshotRecord[]> {
    const records = await versionRecordsInRange<SnapshotRecord>(
      this.documents,
      this.tableName,
      itemKeys.allSnapshots,
      from,
      to,
    );
    const latestByPeriod = new Map<string, SnapshotRecord>();
    for (const record of records) {
      const current = latestByPeriod.get(record.period);
      if (!current || current.version < record.version) latestByPeriod.set(record.period, record);
    }
    return [...latestByPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  }
}
