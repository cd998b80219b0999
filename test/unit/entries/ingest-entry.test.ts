import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../shared/adapters/aws/aws-clients';
import { sqsRecordCarrying } from '../../../shared/adapters/events/s3-notifications';
import { SesMailSender } from '../../../shared/adapters/mail/ses-mail-sender';
import { buildDependencies } from '../../../shared/composition/dependencies';
import { parseProductConfig } from '../../../shared/config/product-config';
import { createIngestHandler } from '../../../shared/entries/ingest-entry';
import { silentLog } from '../../../shared/ports/log';
import type { IngestOutcome } from '../../../shared/use-cases/ingest-submission';
import { catalog } from '../../support/submitted-workbooks';
import { filledTemplate } from '../../support/templates';

const s3 = mockClient(S3Client);
const documents = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const clients = createAwsClients({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const dependencies = buildDependencies({
  clients,
  names: { tableName: 'table', buckets: { uploads: 'strategy-report-uploads', reports: 'reports' } },
  catalog,
  config: parseProductConfig({}),
  clock: { now: () => new Date('2026-11-02T15:00:00Z') },
  mail: new SesMailSender(clients.ses),
});

const created = readFileSync(
  new URL('../../fixtures/events/s3-object-created.json', import.meta.url),
  'utf8',
);
const testEvent = readFileSync(new URL('../../fixtures/events/s3-test-event.json', import.meta.url), 'utf8');
const record = (body: string, messageId: string) => ({
  ...sqsRecordCarrying(
    {},
    { messageId, queueArn: 'arn:aws:sqs:us-east-1:1:q', region: 'us-east-1', sentAt: new Date() },
  ),
  body,
});

describe('the ingest handler with AWS errors', () => {
  let outcomes: IngestOutcome[];
  let handler: ReturnType<typeof createIngestHandler>;
  beforeEach(() => {
    s3.reset();
    documents.reset();
    ses.reset();
    outcomes = [];
    handler = createIngestHandler(dependencies, {
      log: silentLog,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });

  it('returns a message whose HeadObject was throttled, so SQS delivers it again, and answers the rest', async () => {
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        message: 'Please reduce your request rate.',
        $metadata: { httpStatusCode: 503 },
      }),
    );
    const event: SQSEvent = { Records: [record(created, 'upload'), record(testEvent, 'test')] };
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'upload' }] });
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'strategy-report-uploads',
      Key: 'uploads/OFO/2026-10/OFO October (2).xlsx',
      VersionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
    });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('fails the whole batch when every message failed, as Powertools does', async () => {
    s3.on(HeadObjectCommand).rejects(new Error('socket hang up'));
    await expect(handler({ Records: [record(created, 'only')] })).rejects.toBeInstanceOf(
      FullBatchFailureError,
    );
  });

  it('fails a message whose commit was throttled by DynamoDB, after reading a valid workbook', async () => {
    const bytes = await filledTemplate('OFO', '2026-10');
    s3.on(HeadObjectCommand).resolves({
      ContentLength: bytes.length,
      ETag: '"e"',
      VersionId: 'v1',
      Metadata: {},
    });
    s3.on(GetObjectCommand).resolves({ Body: sdkStreamMixin(Readable.from([bytes])) });
    documents
      .on(UpdateCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const event: SQSEvent = { Records: [record(created, 'upload'), record(testEvent, 'test')] };
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'upload' }] });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ VersionId: 'v1' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('answers nothing and fails nothing when the object is already gone', async () => {
    s3.on(HeadObjectCommand).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }),
    );
    expect(await handler({ Records: [record(created, 'gone'), record(testEvent, 'test')] })).toEqual({
      batchItemFailures: [],
    });
    expect(outcomes).toMatchObject([{ kind: 'gone', key: 'uploads/OFO/2026-10/OFO October (2).xlsx' }]);
  });
});
