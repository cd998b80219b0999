import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSnapshotIndex } from '../../../../shared/adapters/dynamodb/dynamodb-snapshot-index';
import { parsePeriod } from '../../../../shared/domain/period';
import { trendPointOf } from '../../../../shared/domain/rollup/trend-point';
import type { SnapshotRecord } from '../../../../shared/ports/snapshot-index';
import { emptySnapshot } from '../../../support/snapshot-fixture';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const index = new DynamoDbSnapshotIndex(documents, 't');
const period = parsePeriod('2026-10');
const hash = 'e'.repeat(64);
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });

const record: SnapshotRecord = {
  period,
  version: 3,
  inputHash: hash,
  sha256: 'f'.repeat(64),
  key: `snapshots/2026-10/${hash}.json`,
  createdAt: '2026-11-01T10:00:00.000Z',
  inputs: [],
  headline: trendPointOf(emptySnapshot(period, hash)),
};

describe('DynamoDbSnapshotIndex', () => {
  beforeEach(() => mock.reset());

  it('reads the version a completed save of the inputs recorded, consistently', async () => {
    mock.on(GetCommand).resolves({ Item: { version: 3 } });
    expect(await index.versionOfInputs(period, hash)).toBe(3);
    expect(mock.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Key: { pk: 'ROLLUP#2026-10', sk: `INPUTS#${hash}` },
      ConsistentRead: true,
    });
    // Claimed by a save that has not finished: no version yet.
    mock.on(GetCommand).resolves({ Item: { entity: 'SnapshotInputs' } });
    expect(await index.versionOfInputs(period, hash)).toBeUndefined();
  });

  it('claims an input hash unless a completed save holds it', async () => {
    mock.on(PutCommand).resolves({});
    expect(await index.claimInputs(period, hash)).toBe(true);
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Item: { pk: 'ROLLUP#2026-10', sk: `INPUTS#${hash}`, entity: 'SnapshotInputs' },
      ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(version)',
    });
    mock.on(PutCommand).rejects(taken());
    expect(await index.claimInputs(period, hash)).toBe(false);
  });

  it('indexes a version once, in GSI1 under SNAPSHOTS, and notes it on the input hash', async () => {
    mock.on(PutCommand).resolves({});
    mock.on(UpdateCommand).resolves({});
    expect(await index.putRecord(record)).toBe(true);
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Item: {
        pk: 'ROLLUP#2026-10',
        sk: 'V#0003',
        gsi1pk: 'SNAPSHOTS',
        gsi1sk: '2026-10#0003',
        entity: 'RollupSnapshot',
        record,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await index.setInputsVersion(period, hash, 3);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Key: { pk: 'ROLLUP#2026-10', sk: `INPUTS#${hash}` },
      UpdateExpression: 'SET version = :version',
      ExpressionAttributeValues: { ':version': 3 },
    });
    mock.on(PutCommand).rejects(taken());
    expect(await index.putRecord(record)).toBe(false);
  });

  it('passes a throttling error on', async () => {
    mock.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(index.versionOfInputs(period, hash)).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    mock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(index.claimInputs(period, hash)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
