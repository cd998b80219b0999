import { createHash } from 'node:crypto';
import type { S3Event, S3EventRecord, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { UploadNotification } from '../../use-cases/ingest-submission';

/**
 * S3 event notifications as SQS delivers them: the message body is the S3 event JSON. These are
 * the parts the ingest relies on (docs/submissions.md); anything else in the event is ignored.
 */
const s3RecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  eventTime: z.iso.datetime({ offset: true }),
  userIdentity: z.object({ principalId: z.string() }).partial().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      // Hexadecimal (it orders the uploads of one key: upload-order.ts).
      sequencer: z
        .string()
        .regex(/^[0-9A-Fa-f]{1,64}$/, 'the sequencer is not a hexadecimal number')
        .optional(),
    }),
  }),
});
const s3EventSchema = z.object({ Records: z.array(s3RecordSchema) });
/** Sent once when a notification is configured; carries no upload. */
const s3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

export interface ParsedNotifications {
  /** Object-created notifications: the uploads to ingest. */
  readonly uploads: readonly UploadNotification[];
  /** Anything else (test events, deletions, restores): named for the log, then ignored. */
  readonly ignored: readonly string[];
}

/**
 * The uploads an SQS message announces. A body that is not an S3 notification at all is a
 * wiring fault, not a submitter's mistake: it throws, so the message ends in the dead-letter queue.
 */
export function parseS3Notifications(body: string): ParsedNotifications {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new Error('the SQS message body is not JSON, so not an S3 event notification');
  }
  if (s3TestEventSchema.safeParse(document).success) return { uploads: [], ignored: ['s3:TestEvent'] };
  const parsed = s3EventSchema.safeParse(document);
  if (!parsed.success)
    throw new Error(
      `the SQS message body is not an S3 event notification: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  const uploads: UploadNotification[] = [];
  const ignored: string[] = [];
  for (const record of parsed.data.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) {
      ignored.push(record.eventName);
      continue;
    }
    const object = record.s3.object;
    uploads.push({
      bucket: record.s3.bucket.name,
      encodedKey: object.key,
      size: object.size ?? 0,
      ...(object.eTag !== undefined ? { eTag: object.eTag } : {}),
      ...(object.versionId !== undefined ? { versionId: object.versionId } : {}),
      sequencer: object.sequencer ?? '',
      eventTime: record.eventTime,
      ...(record.userIdentity?.principalId !== undefined
        ? { principalId: record.userIdentity.principalId }
        : {}),
    });
  }
  return { uploads, ignored };
}

/** A key as S3 writes it into event notifications: URL-encoded per segment, spaces as '+'. */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/%20/g, '+')
        .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

export interface ObjectCreated {
  readonly region: string;
  readonly bucket: string;
  /** The object key, not encoded. */
  readonly key: string;
  readonly size: number;
  /** As S3 returns it from PUT/HEAD (quoted); the event carries it unquoted. */
  readonly etag: string;
  readonly versionId?: string;
  readonly sequencer: string;
  readonly eventTime: Date;
  readonly principalId: string;
  readonly eventName?: string;
}

/** The S3 event notification AWS sends for one PUT, field for field (event version 2.1). */
export function objectCreatedEvent(created: ObjectCreated): S3Event {
  const record: S3EventRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: created.region,
    eventTime: created.eventTime.toISOString(),
    eventName: (created.eventName ?? 'ObjectCreated:Put') as S3EventRecord['eventName'],
    userIdentity: { principalId: created.principalId },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': created.sequencer,
      'x-amz-id-2': `${created.sequencer}/local`,
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'ingest-uploads',
      bucket: {
        name: created.bucket,
        ownerIdentity: { principalId: created.principalId },
        arn: `arn:aws:s3:::${created.bucket}`,
      },
      object: {
        key: encodeS3EventKey(created.key),
        size: created.size,
        eTag: created.etag.replace(/"/g, ''),
        ...(created.versionId ? { versionId: created.versionId } : {}),
        sequencer: created.sequencer,
      },
    },
  };
  return { Records: [record] };
}

/**
 * An SQS record carrying an S3 event (or, with SNS raw message delivery, an SES notification), as
 * the SQS event source hands it to Lambda.
 */
export function sqsRecordCarrying(
  event: unknown,
  options: { messageId: string; queueArn: string; region: string; sentAt: Date; senderId?: string },
): SQSRecord {
  const body = JSON.stringify(event);
  const sent = String(options.sentAt.getTime());
  return {
    messageId: options.messageId,
    receiptHandle: `local-${options.messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: sent,
      SenderId: options.senderId ?? 'AIDAS3NOTIFICATIONS',
      ApproximateFirstReceiveTimestamp: sent,
    },
    messageAttributes: {},
    md5OfBody: createMd5(body),
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}

function createMd5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
