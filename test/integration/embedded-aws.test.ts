import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPutAll } from '../../shared/adapters/dynamodb/batch-write';
import { queryAllItems } from '../../shared/adapters/dynamodb/query-all';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { GSI1 } from '../../shared/storage/table-definition';
import { temporaryDataDirectory } from '../support/local-runtime';

const ITEMS = 5_000;
const PARTITIONS = 10;
const KEYS = 2_500;
const dataDirectory = temporaryDataDirectory('embedded');
const big = randomBytes(5 * 1024 * 1024 + 4_321);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function countByTableQuery(runtime: LocalRuntime): Promise<number> {
  let total = 0;
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const items = await queryAllItems(runtime.clients.documents, {
      TableName: runtime.names.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `LOAD#${partition}` },
      Limit: 150, // small pages, so paging is exercised
    });
    total += items.length;
  }
  return total;
}

async function gsiItems(runtime: LocalRuntime) {
  return queryAllItems(runtime.clients.documents, {
    TableName: runtime.names.tableName,
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name },
    ExpressionAttributeValues: { ':pk': 'LOAD' },
    Limit: 700,
  });
}

async function listAll(store: S3ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

describe('the embedded local AWS servers', () => {
  let runtime: LocalRuntime;
  let store: S3ObjectStore;

  beforeAll(async () => {
    runtime = await openLocalRuntime({ dataDirectory });
    store = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.uploads);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('listens on 127.0.0.1 only and creates the table and buckets from the shared definitions', () => {
    expect(new URL(runtime.endpoints.dynamodb).hostname).toBe('127.0.0.1');
    expect(new URL(runtime.endpoints.s3).hostname).toBe('127.0.0.1');
    expect(runtime.created).toEqual([
      'table strategy-report',
      'bucket strategy-report-uploads',
      'bucket strategy-report-reports',
    ]);
  });

  it('takes a BatchWrite of 5,000 items and gives them back by Query on the table and on the GSI', async () => {
    const items = Array.from({ length: ITEMS }, (_, index) => ({
      pk: `LOAD#${index % PARTITIONS}`,
      sk: `ITEM#${String(index).padStart(5, '0')}`,
      [GSI1.partitionKey.name]: 'LOAD',
      [GSI1.sortKey.name]: String(index).padStart(5, '0'),
      payload: `value-${index}`,
    }));
    await batchPutAll(runtime.clients.documents, runtime.names.tableName, items);

    expect(await countByTableQuery(runtime)).toBe(ITEMS);
    const fromIndex = await gsiItems(runtime);
    expect(fromIndex).toHaveLength(ITEMS);
    expect(fromIndex.map((item) => item[GSI1.sortKey.name])).toEqual(
      items.map((item) => item[GSI1.sortKey.name]),
    );
    expect(fromIndex[4_321]?.payload).toBe('value-4321');
  });

  it('stores a streamed 5 MB upload byte for byte', async () => {
    const chunks = [big.subarray(0, 1_000_000), big.subarray(1_000_000, 4_000_000), big.subarray(4_000_000)];
    await store.put('streams/big.bin', Readable.from(chunks));
    const head = await store.head('streams/big.bin');
    expect(head?.size).toBe(big.length);
    const back = await store.get('streams/big.bin');
    expect(sha(back)).toBe(sha(big));
  });

  it('lists 2,500 keys, paging to the end', async () => {
    const keys = Array.from({ length: KEYS }, (_, index) => `many/${String(index).padStart(5, '0')}.txt`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < keys.length) {
          const key = keys[next++] as string;
          await store.put(key, Buffer.from(key));
        }
      }),
    );
    expect(await listAll(store, 'many/')).toEqual(keys);
  });

  it('finds everything again after a restart on the same data directory', async () => {
    await runtime.close();
    runtime = await openLocalRuntime({ dataDirectory });
    store = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.uploads);

    expect(runtime.created).toEqual([]);
    expect(await countByTableQuery(runtime)).toBe(ITEMS);
    expect(await gsiItems(runtime)).toHaveLength(ITEMS);
    expect(sha(await store.get('streams/big.bin'))).toBe(sha(big));
    expect(await listAll(store, 'many/')).toHaveLength(KEYS);
  });
});
