import { randomUUID } from 'node:crypto';
import type { Context, S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { objectCreatedEvent, sqsRecordCarrying } from '../adapters/events/s3-notifications';
import type { ObjectStore } from '../ports/object-store';
import { LOCAL_REGION } from './local-runtime';

/** Who uploaded, as the S3 event names a local user. */
const LOCAL_PRINCIPAL = 'AWS:LOCAL-SUBMITTER';
const LOCAL_QUEUE_ARN = `arn:aws:sqs:${LOCAL_REGION}:000000000000:strategy-report-ingest`;

let lastSequence = 0n;

/**
 * S3 sequencers are hexadecimal numbers that grow with each event on a key (S3 compares them
 * left-padded with zeros, so their length may vary). These grow with each event in the process and,
 * being the event time in nanoseconds, from one run to the next on the same data directory.
 */
function nextSequencer(eventTime: Date): string {
  const candidate = BigInt(eventTime.getTime()) * 1_000_000n;
  lastSequence = candidate > lastSequence ? candidate : lastSequence + 1n;
  return lastSequence.toString(16).toUpperCase().padStart(18, '0');
}

export interface DeliveredUpload {
  readonly key: string;
  readonly messageId: string;
  readonly event: SQSEvent;
  readonly response: SQSBatchResponse;
}

export interface LocalUpload {
  readonly key: string;
  readonly bytes: Buffer;
  readonly uploader?: string;
}

/**
 * What S3 does for a PUT to the uploads bucket, done by hand because the local S3 server has no
 * notifications: store the object (with uploader metadata) and build the object-created event
 * notification exactly as S3 sends it (`storedUploadEvent`).
 */
export async function putUpload(upload: LocalUpload, store: ObjectStore, eventTime?: Date): Promise<S3Event> {
  await store.put(upload.key, upload.bytes, {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ...(upload.uploader ? { metadata: { uploader: upload.uploader } } : {}),
  });
  return storedUploadEvent(upload.key, store, eventTime);
}

/**
 * The object-created notification S3 sends for an object just stored. Its event time is when the
 * PUT finished (S3's meaning), or `eventTime` when the caller runs on a clock of its own (the
 * demo, tests); its sequencer is greater than any this process issued before.
 */
export async function storedUploadEvent(
  key: string,
  store: ObjectStore,
  eventTime?: Date,
  principalId = LOCAL_PRINCIPAL,
): Promise<S3Event> {
  const finished = eventTime ?? new Date();
  const head = await store.head(key);
  if (!head) throw new Error(`the upload ${key} vanished right after it was stored`);
  return objectCreatedEvent({
    region: LOCAL_REGION,
    bucket: store.bucket,
    key,
    size: head.size,
    etag: head.etag,
    ...(head.versionId ? { versionId: head.versionId } : {}),
    sequencer: nextSequencer(finished),
    eventTime: finished,
    principalId,
  });
}

/**
 * What AWS does after a PUT to the uploads bucket: the object stored and its S3 event notification
 * (`putUpload`), wrapped in an SQS record exactly as the SQS event source delivers it, handed to
 * the ingest handler.
 */
export async function uploadAndDeliver(
  upload: LocalUpload,
  store: ObjectStore,
  handler: (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>,
  now?: Date,
): Promise<DeliveredUpload> {
  const s3Event = await putUpload(upload, store, now);
  return deliverS3Event(s3Event, handler, now ?? new Date(), upload.key);
}

/** The S3 event of an object already in the bucket (written by something else, e.g. the intake), delivered. */
export async function deliverStoredUpload(
  key: string,
  store: ObjectStore,
  handler: (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>,
  now?: Date,
  principalId = LOCAL_PRINCIPAL,
): Promise<DeliveredUpload> {
  const s3Event = await storedUploadEvent(key, store, now, principalId);
  return deliverS3Event(s3Event, handler, now ?? new Date(), key);
}

/** Hands one S3 event (any event, even a hostile one) to the handler inside an SQS record. */
export async function deliverS3Event(
  s3Event: unknown,
  handler: (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>,
  now: Date = new Date(),
  key = '',
): Promise<DeliveredUpload> {
  const messageId = randomUUID();
  const event: SQSEvent = {
    Records: [
      sqsRecordCarrying(s3Event, { messageId, queueArn: LOCAL_QUEUE_ARN, region: LOCAL_REGION, sentAt: now }),
    ],
  };
  const response = await handler(event);
  return { key, messageId, event, response };
}
