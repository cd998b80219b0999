import { createHash } from 'node:crypto';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command, type ListObjectsV2CommandInput } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseS3Notifications } from '../../shared/adapters/events/s3-notifications';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { uploadAndDeliver } from '../../shared/local/deliver-upload';
import { localDependencies } from '../../shared/local/local-dependencies';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { STACK_OUTPUTS, STATELESS_STACK_OUTPUTS } from '../../shared/storage/stack-outputs';
import {
  PRODUCTION,
  type RecordedWorld,
  recordWorld,
  runCliOnStack,
  serveWorld,
} from '../support/recorded-aws';
import { filledTemplate } from '../support/templates';

const STATELESS = 'StrategyReport-prod-Stateless';
const QUEUE_URL =
  'https://sqs.us-east-1.amazonaws.com/123456789012/StrategyReport-prod-Stateless-IngestQueue';
const STORED_AT = new Date('2026-11-04T09:15:00.000Z');
const LOST = 'uploads/AMO/2026-10/AMO october.xlsx';

const cli = (args: string[]) => runCliOnStack(args);

const etagOf = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;
const names = (mock: { calls(): { args: unknown[] }[] }) =>
  mock.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name);
const inputs = <T>(mock: { calls(): { args: unknown[] }[] }) =>
  mock.calls().map((call) => (call.args[0] as { input: T }).input);

/**
 * `reconcile --target aws --stack NAME` against a deployed stack whose every client is mocked to
 * answer from a real local run: OFO's upload was ingested, AMO's was stored and never announced.
 * The calls are what the CLI's principal must be allowed: DescribeStacks, ListObjectsV2 on
 * uploads/, Query on the table — and, with --replay, SendMessage to the ingest queue.
 */
describe('reconcile with --target aws --stack NAME', () => {
  let world: RecordedWorld;
  let aws: ReturnType<typeof serveWorld>;
  const sqs = mockClient(SQSClient);

  beforeAll(async () => {
    const runtime = await openLocalRuntime();
    try {
      const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
      const answered = await uploadAndDeliver(
        { key: 'uploads/OFO/2026-10/OFO.xlsx', bytes: await filledTemplate('OFO', '2026-10') },
        deps.uploads,
        createIngestHandler(deps, { log: silentLog }),
      );
      expect(answered.response.batchItemFailures).toEqual([]);
      await deps.uploads.put(LOST, await filledTemplate('AMO', '2026-10'));
      world = await recordWorld(runtime);
    } finally {
      await runtime.close();
    }
    // The deployed names: the attempts name the production uploads bucket.
    for (const item of world.items)
      if (item.entity === 'SubmissionAttempt')
        (item.attempt as { source: { bucket: string } }).source.bucket = PRODUCTION.uploads;
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAOPERATOREXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'operator-secret');
    aws = serveWorld(world);
    aws.cloudformation.on(DescribeStacksCommand, { StackName: STATELESS }).resolves({
      Stacks: [
        {
          StackName: STATELESS,
          CreationTime: new Date('2026-01-01T00:00:00Z'),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [{ OutputKey: STATELESS_STACK_OUTPUTS.ingestQueueUrl, OutputValue: QUEUE_URL }],
        },
      ],
    });
    aws.s3.on(ListObjectsV2Command).callsFake((input: ListObjectsV2CommandInput) => {
      if (input.Bucket !== PRODUCTION.uploads) throw new Error(`no listing of ${input.Bucket}`);
      return {
        IsTruncated: false,
        Contents: [...world.buckets.uploads]
          .filter(([key]) => key.startsWith(input.Prefix ?? ''))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, bytes]) => ({
            Key: key,
            Size: bytes.length,
            ETag: etagOf(bytes),
            LastModified: STORED_AT,
          })),
      };
    });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'b7c1e3a0-sent' });
  });
  beforeEach(() => {
    aws.resetHistory();
    sqs.resetHistory();
  });
  afterAll(() => {
    aws?.restore();
    sqs.restore();
    vi.unstubAllEnvs();
  });

  it('lists the upload never answered: one listing of uploads/, one Query, nothing sent', async () => {
    const result = await cli(['reconcile', '--json']);
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out).unanswered).toEqual([
      expect.objectContaining({
        key: LOST,
        office: 'AMO',
        period: '2026-10',
        lastModified: STORED_AT.toISOString(),
      }),
    ]);
    expect(inputs(aws.cloudformation)).toEqual([{ StackName: PRODUCTION.stack }]);
    expect(names(aws.s3)).toEqual(['ListObjectsV2Command']);
    expect(inputs<ListObjectsV2CommandInput>(aws.s3)[0]).toEqual({
      Bucket: PRODUCTION.uploads,
      Prefix: 'uploads/',
    });
    expect(names(aws.documents)).toEqual(['QueryCommand']);
    expect(inputs(aws.documents)[0]).toMatchObject({
      TableName: PRODUCTION.table,
      IndexName: 'gsi1',
      ExpressionAttributeValues: { ':pk': 'ATTEMPTS#2026-10' },
    });
    expect(sqs.calls()).toEqual([]);
  });

  it('--replay sends the S3 event to the ingest queue the stateless stack names, as S3 would', async () => {
    const result = await cli(['reconcile', '--replay']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      `replayed 1 upload:\n  ${LOST}: sent to the ingest queue (message b7c1e3a0-sent)`,
    );
    expect(result.out).toContain('run reconcile again in a few minutes to check');
    expect(inputs(aws.cloudformation)).toEqual([{ StackName: PRODUCTION.stack }, { StackName: STATELESS }]);
    const sent = inputs<SendMessageCommandInput>(sqs);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.QueueUrl).toBe(QUEUE_URL);
    // What the deployed ingest reads from the message: the upload, stored when S3 stored it.
    const bytes = world.buckets.uploads.get(LOST) as Buffer;
    expect(parseS3Notifications(sent[0]?.MessageBody as string)).toEqual({
      uploads: [
        {
          bucket: PRODUCTION.uploads,
          encodedKey: 'uploads/AMO/2026-10/AMO+october.xlsx',
          size: bytes.length,
          eTag: etagOf(bytes).replace(/"/g, ''),
          sequencer: expect.stringMatching(/^[0-9A-F]{18,}$/),
          eventTime: STORED_AT.toISOString(),
          principalId: 'AWS:STRATEGY-REPORT-RECONCILE',
        },
      ],
      ignored: [],
    });
    expect([...new Set(names(aws.s3))]).toEqual(['ListObjectsV2Command']);
    expect([...new Set(names(aws.documents))]).toEqual(['QueryCommand']);
  });

  it('asks for the stateless stack when --stack is not named <prefix>-Stateful, and takes it', async () => {
    const statefulOutputs = [
      { OutputKey: STACK_OUTPUTS.tableName, OutputValue: PRODUCTION.table },
      { OutputKey: STACK_OUTPUTS.uploadsBucket, OutputValue: PRODUCTION.uploads },
      { OutputKey: STACK_OUTPUTS.reportsBucket, OutputValue: PRODUCTION.reports },
    ];
    aws.cloudformation.on(DescribeStacksCommand, { StackName: 'Custom-Data' }).resolves({
      Stacks: [
        {
          StackName: 'Custom-Data',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: statefulOutputs,
        },
      ],
    });
    const run = (args: string[]) => runCliOnStack(args, 'Custom-Data');
    const unnamed = await run(['reconcile', '--replay']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toBe(
      'error: option --stateless-stack: cannot tell the stateless stack from --stack Custom-Data: give --stateless-stack NAME [reconcile.stateless-stack]',
    );
    expect(sqs.calls()).toEqual([]);
    const named = await run(['reconcile', '--replay', '--stateless-stack', STATELESS]);
    expect(named.code, named.err).toBe(0);
    expect(inputs<SendMessageCommandInput>(sqs).map((input) => input.QueueUrl)).toEqual([QUEUE_URL]);
  });
});
