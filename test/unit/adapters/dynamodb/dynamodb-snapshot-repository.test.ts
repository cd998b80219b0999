import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSnapshotRepository } from '../../../../shared/adapters/dynamodb/dynamodb-snapshot-repository';
import { parsePeriod } from '../../../../shared/domain/period';
import type { ObjectStore } from '../../../../shared/ports/object-store';
import { emptySnapshot } from '../../../support/snapshot-fixture';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const period = parsePeriod('2026-10');
const hash = 'e'.repeat(64);

function recordingStore() {
  const puts: string[] = [];
  const store = {
    bucket: 'reports',
    put: async (key: string) => {
      puts.push(key);
      return { etag: '"x"' };
    },
  } as unknown as ObjectStore;
  return { store, puts };
}

describe('DynamoDbSnapshotRepository.save', () => {
  beforeEach(() => mock.reset());

  it('writes nothing when the same inputs were stored before', async () => {
    const { store, puts } = recordingStore();
    mock
      .on(GetCommand, { Key: { pk: 'ROLLUP#2026-10', sk: `INPUTS#${hash}` } })
      .resolves({ Item: { version: 3 } });
    mock
      .on(GetCommand, { Key: { pk: 'ROLLUP#2026-10', sk: 'V#0003' } })
      .resolves({ Item: { record: { version: 3 } } });
    const outcome = await new DynamoDbSnapshotRepository(documents, 't', store).save(
      emptySnapshot(period, hash),
      new Date(),
    );
    expect(outcome).toEqual({ kind: 'unchanged', record: { version: 3 } });
    expect(puts).toEqual([]);
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('takes the next free version when another save took the one it wanted', async () => {
    const { store, puts } = recordingStore();
    mock.on(GetCommand).resolves({});
    mock.on(QueryCommand).resolves({ Items: [{ record: { version: 1 } }] });
    mock.on(PutCommand, { Item: { sk: `INPUTS#${hash}` } }).resolves({});
    mock
      .on(PutCommand, { Item: { sk: 'V#0002' } })
      .rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    mock.on(PutCommand, { Item: { sk: 'V#0003' } }).resolves({});
    mock.on(UpdateCommand).resolves({});
    const outcome = await new DynamoDbSnapshotRepository(documents, 't', store).save(
      emptySnapshot(period, hash),
      new Date(),
    );
    expect(outcome).toMatchObject({ kind: 'stored', record: { version: 3 } });
    expect(puts).toEqual([`snapshots/2026-10/${hash}.json`]);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':version': 3,
    });
  });

  it('passes a throttling error on without recording a version', async () => {
    const { store } = recordingStore();
    mock.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(
      new DynamoDbSnapshotRepository(documents, 't', store).save(emptySnapshot(period, hash), new Date()),
    ).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });
});
