import { Readable } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { runCli } from '../../shared/cli/run-cli';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { STACK_OUTPUTS } from '../../shared/storage/stack-outputs';

type Item = Record<string, unknown>;

/** Everything a local run stored: the table's items and both buckets' objects. */
export interface RecordedWorld {
  readonly items: Item[];
  readonly buckets: { readonly uploads: Map<string, Buffer>; readonly reports: Map<string, Buffer> };
}

/** A deployed stateful stack as the auditor's commands see it: its name and its outputs. */
export const PRODUCTION = {
  stack: 'StrategyReport-prod-Stateful',
  region: 'us-east-1',
  table: 'StrategyReport-prod-Stateful-Table-1A2B3C',
  uploads: 'strategyreport-prod-uploads-4d5e6f',
  reports: 'strategyreport-prod-reports-7a8b9c',
} as const;

/** The CLI, in this process, against a deployed stack (`--target aws --stack NAME --region R`): what it printed and its exit code. */
export async function runCliOnStack(args: readonly string[], stack: string = PRODUCTION.stack) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--target', 'aws', '--stack', stack, '--region', PRODUCTION.region, ...args], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join(''), err: err.join('') };
}

/** Reads back everything a local run stored (a Scan is fine here: the test's own server). */
export async function recordWorld(runtime: LocalRuntime): Promise<RecordedWorld> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await runtime.clients.documents.send(
      new ScanCommand({ TableName: runtime.names.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  const read = async (bucket: string) => {
    const objects = new Map<string, Buffer>();
    const store = new S3ObjectStore(runtime.clients.s3, bucket);
    for await (const object of store.list('')) objects.set(object.key, await store.get(object.key));
    return objects;
  };
  return {
    items,
    buckets: {
      uploads: await read(runtime.names.buckets.uploads),
      reports: await read(runtime.names.buckets.reports),
    },
  };
}

/** Answers a Query the way DynamoDB does, for the key conditions the product uses. */
function query(items: readonly Item[], input: QueryCommandInput): Item[] {
  const expression = input.KeyConditionExpression ?? '';
  const values = input.ExpressionAttributeValues ?? {};
  const onIndex = input.IndexName === 'gsi1';
  const [pk, sk] = onIndex ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
  let matched = items.filter((item) => item[pk] === values[':pk']);
  if (/begins_with/.test(expression))
    matched = matched.filter((item) => String(item[sk] ?? '').startsWith(String(values[':prefix'])));
  else if (/BETWEEN/.test(expression))
    matched = matched.filter((item) => {
      const value = String(item[sk] ?? '');
      return value >= String(values[':from']) && value <= String(values[':to']);
    });
  else if (!/^#?pk = :pk$/.test(expression)) throw new Error(`unexpected key condition ${expression}`);
  matched.sort((a, b) => String(a[sk]).localeCompare(String(b[sk])));
  if (input.ScanIndexForward === false) matched.reverse();
  if (input.Limit !== undefined) matched = matched.slice(0, input.Limit);
  return structuredClone(matched);
}

const missing = (key: string) =>
  new NoSuchKey({ message: `The specified key does not exist: ${key}`, $metadata: { httpStatusCode: 404 } });

/**
 * Mocks every AWS client class (aws-sdk-client-mock) so that a deployed stack answers with the
 * recorded world: CloudFormation gives the stack's outputs, DynamoDB answers Query and GetItem on
 * the stack's table, S3 answers GetObject and HeadObject on its buckets. Anything else — a write,
 * another table or bucket — is recorded and left unanswered, for the test to refuse.
 */
export function serveWorld(world: RecordedWorld) {
  const cloudformation = mockClient(CloudFormationClient);
  const documents = mockClient(DynamoDBDocumentClient);
  const dynamodb = mockClient(DynamoDBClient);
  const s3 = mockClient(S3Client);
  const ses = mockClient(SESv2Client);

  cloudformation.on(DescribeStacksCommand, { StackName: PRODUCTION.stack }).resolves({
    Stacks: [
      {
        StackName: PRODUCTION.stack,
        CreationTime: new Date('2026-01-01T00:00:00Z'),
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: [
          { OutputKey: STACK_OUTPUTS.tableName, OutputValue: PRODUCTION.table },
          { OutputKey: STACK_OUTPUTS.uploadsBucket, OutputValue: PRODUCTION.uploads },
          { OutputKey: STACK_OUTPUTS.reportsBucket, OutputValue: PRODUCTION.reports },
        ],
      },
    ],
  });
  const table = (name: string | undefined) => {
    if (name !== PRODUCTION.table) throw new Error(`no table ${name}`);
    return world.items;
  };
  documents.on(QueryCommand).callsFake((input: QueryCommandInput) => ({
    Items: query(table(input.TableName), input),
  }));
  documents.on(GetCommand).callsFake((input: GetCommandInput) => {
    const item = table(input.TableName).find(
      (candidate) => candidate.pk === input.Key?.pk && candidate.sk === input.Key?.sk,
    );
    return item ? { Item: structuredClone(item) } : {};
  });
  const bucket = (name: string | undefined) => {
    if (name === PRODUCTION.reports) return world.buckets.reports;
    if (name === PRODUCTION.uploads) return world.buckets.uploads;
    throw new Error(`no bucket ${name}`);
  };
  s3.on(GetObjectCommand).callsFake((input: { Bucket?: string; Key?: string }) => {
    const bytes = bucket(input.Bucket).get(input.Key ?? '');
    if (!bytes) throw missing(input.Key ?? '');
    return { Body: sdkStreamMixin(Readable.from([Buffer.from(bytes)])), ContentLength: bytes.length };
  });
  s3.on(HeadObjectCommand).callsFake((input: { Bucket?: string; Key?: string }) => {
    const bytes = bucket(input.Bucket).get(input.Key ?? '');
    if (!bytes) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    return { ContentLength: bytes.length, ETag: '"recorded"', Metadata: {} };
  });

  const mocks = { cloudformation, documents, dynamodb, s3, ses };
  return {
    ...mocks,
    resetHistory() {
      for (const mock of Object.values(mocks)) mock.resetHistory();
    },
    restore() {
      for (const mock of Object.values(mocks)) mock.restore();
    },
  };
}
