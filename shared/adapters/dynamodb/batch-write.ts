import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

export interface BatchWriteOptions {
  /** Batches in flight at once (DynamoDB takes at most 25 items per batch). */
  readonly concurrency?: number;
  /** Rounds of retrying unprocessed items before giving up. */
  readonly maxAttempts?: number;
  /** First backoff in ms; doubles each round, with full jitter. */
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const BATCH_SIZE = 25;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class UnprocessedItemsError extends Error {
  override readonly name = 'UnprocessedItemsError';
  constructor(readonly remaining: number) {
    super(`DynamoDB left ${remaining} item(s) unprocessed after every retry`);
  }
}

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/**
 * Puts every item, 25 per request, retrying what DynamoDB hands back as UnprocessedItems with
 * exponential backoff. (Throttling errors on the call itself are retried by the SDK.)
 */
export async function batchPutAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const requests: WriteRequests = items.map((item) => ({ PutRequest: { Item: item } }));
  await batchWriteAll(documents, tableName, requests, options);
}

export async function batchDeleteAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const requests: WriteRequests = keys.map((key) => ({ DeleteRequest: { Key: key } }));
  await batchWriteAll(documents, tableName, requests, options);
}

async function batchWriteAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  requests: WriteRequests,
  options: BatchWriteOptions,
): Promise<void> {
  const concurrency = options.concurrency ?? 4;
  const batches: WriteRequests[] = [];
  for (let start = 0; start < requests.length; start += BATCH_SIZE)
    batches.push(requests.slice(start, start + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as WriteRequests;
      await writeBatch(documents, tableName, batch, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
}

async function writeBatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  batch: WriteRequests,
  options: BatchWriteOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
    if (pending.length === 0) return;
    if (attempt >= maxAttempts) throw new UnprocessedItemsError(pending.length);
    await sleep(Math.floor(random() * baseDelayMs * 2 ** (attempt - 1)));
  }
}
