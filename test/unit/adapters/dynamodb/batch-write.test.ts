import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  batchDeleteAll,
  batchPutAll,
  UnprocessedItemsError,
} from '../../../../shared/adapters/dynamodb/batch-write';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const noSleep = async () => {};
const items = (count: number) => Array.from({ length: count }, (_, index) => ({ pk: 'P', sk: `S${index}` }));

describe('batchPutAll', () => {
  beforeEach(() => mock.reset());

  it('writes in batches of 25', async () => {
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
    await batchPutAll(documents, 'table', items(60), { sleep: noSleep });
    const sizes = mock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.table?.length);
    expect(sizes.sort()).toEqual([10, 25, 25]);
  });

  it('retries UnprocessedItems with growing backoff until all are written', async () => {
    const first = items(3);
    const delays: number[] = [];
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { table: [{ PutRequest: { Item: first[2] } }] } })
      .resolvesOnce({ UnprocessedItems: { table: [{ PutRequest: { Item: first[2] } }] } })
      .resolves({ UnprocessedItems: {} });
    await batchPutAll(documents, 'table', first, {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 1,
      baseDelayMs: 10,
    });
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(3);
    expect(calls[1]?.args[0].input.RequestItems?.table).toEqual([
      { PutRequest: { Item: { pk: 'P', sk: 'S2' } } },
    ]);
    expect(delays).toEqual([10, 20]);
  });

  it('gives up after the last attempt and says how many items were left', async () => {
    mock
      .on(BatchWriteCommand)
      .resolves({ UnprocessedItems: { table: [{ PutRequest: { Item: { pk: 'P', sk: 'S0' } } }] } });
    const error = await batchPutAll(documents, 'table', items(1), { sleep: noSleep, maxAttempts: 3 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect(error.message).toBe('DynamoDB left 1 item(s) unprocessed after every retry');
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });

  it('lets a throttling error from DynamoDB reach the caller', async () => {
    mock
      .on(BatchWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(batchPutAll(documents, 'table', items(2), { sleep: noSleep })).rejects.toThrow('slow down');
  });

  it('deletes by key the same way', async () => {
    mock.on(BatchWriteCommand).resolves({});
    await batchDeleteAll(documents, 'table', [{ pk: 'P', sk: 'S1' }], { sleep: noSleep });
    expect(mock.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.table).toEqual([
      { DeleteRequest: { Key: { pk: 'P', sk: 'S1' } } },
    ]);
  });
});
