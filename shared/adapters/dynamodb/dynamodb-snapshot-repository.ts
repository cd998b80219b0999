import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '../../domain/canonical-json';
import { IntegrityError } from '../../domain/errors';
import type { Period } from '../../domain/period';
import { type RollupSnapshot, rollupSnapshotSchema } from '../../domain/rollup/rollup-snapshot';
import { trendPointOf } from '../../domain/rollup/trend-point';
import { sha256Hex } from '../../domain/sha256';
import type { ObjectStore } from '../../ports/object-store';
import type {
  SaveSnapshotOutcome,
  SnapshotRecord,
  SnapshotReference,
  SnapshotRepository,
} from '../../ports/snapshot-repository';
import { snapshotKey } from '../../storage/object-keys';
import { GSI1 } from '../../storage/table-definition';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';
import { latestVersionRecord, versionRecords } from './versioned-items';

/**
 * Snapshots as JSON objects in the reports bucket (a snapshot can outgrow a DynamoDB item),
 * indexed in the table: `ROLLUP#<period>` / `V#<n>` per version (also in GSI1 under
 * `SNAPSHOTS` for trends), and `ROLLUP#<period>` / `INPUTS#<hash>` per distinct input hash so
 * an unchanged re-run stores nothing. The object key is derived from the input hash, so
 * writing it twice writes the same bytes to the same place.
 */
export class DynamoDbSnapshotRepository implements SnapshotRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly objects: ObjectStore,
  ) {}

  async save(snapshot: RollupSnapshot, createdAt: Date): Promise<SaveSnapshotOutcome> {
    const period = snapshot.period as Period;
    const pk = itemKeys.rollup(period);
    const inputsKey = { pk, sk: itemKeys.snapshotInputs(snapshot.inputHash) };

    const known = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: inputsKey, ConsistentRead: true }),
    );
    if (typeof known.Item?.version === 'number') {
      const record = await this.record(period, known.Item.version);
      if (record) return { kind: 'unchanged', record };
    }

    // The bytes first: nothing points at them until the version item exists.
    const bytes = Buffer.from(canonicalJson(snapshot));
    const sha256 = sha256Hex(bytes);
    const key = snapshotKey(period, snapshot.inputHash);
    await this.objects.put(key, bytes, { contentType: 'application/json', metadata: { sha256 } });

    // Claim the input hash; a concurrent save of the same inputs makes this one a no-op.
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...inputsKey, entity: 'SnapshotInputs' },
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(version)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const winner = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: inputsKey, ConsistentRead: true }),
      );
      const record =
        typeof winner.Item?.version === 'number' ? await this.record(period, winner.Item.version) : undefined;
      if (record) return { kind: 'unchanged', record };
    }

    // The next version number: the first free one after the latest.
    let version = ((await this.latest(period))?.version ?? 0) + 1;
    for (;;) {
      const record: SnapshotRecord = {
        period,
        version,
        inputHash: snapshot.inputHash,
        sha256,
        key,
        createdAt: createdAt.toISOString(),
        inputs: snapshot.inputs,
        headline: trendPointOf(snapshot),
      };
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk,
              sk: itemKeys.version(version),
              [GSI1.partitionKey.name]: itemKeys.allSnapshots,
              [GSI1.sortKey.name]: itemKeys.periodVersion(period, version),
              entity: 'RollupSnapshot',
              record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: inputsKey,
            UpdateExpression: 'SET version = :version',
            ExpressionAttributeValues: { ':version': version },
          }),
        );
        return { kind: 'stored', record };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        version += 1;
      }
    }
  }

  private async record(period: Period, version: number): Promise<SnapshotRecord | undefined> {
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

  async load(record: SnapshotReference): Promise<RollupSnapshot> {
    const bytes = await this.objects.get(record.key);
    const actual = sha256Hex(bytes);
    if (actual !== record.sha256) {
      throw new IntegrityError(
        `snapshot ${record.period} v${record.version} at ${record.key} has SHA-256 ${actual}, expected ${record.sha256}: it was altered`,
      );
    }
    return rollupSnapshotSchema.parse(JSON.parse(bytes.toString('utf8')));
  }
}
