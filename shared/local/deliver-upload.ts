import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { objectCreatedEvent, sqsRecordCarrying } from '../adapters/events/s3-notifications';
import type { ObjectStore } from '../ports/object-store';
import { LOCAL_REGION } from './local-runtime';

/** Who uploaded, as the S3 event names a local user. */
const LOCAL_PRINCIPAL = 'AWS:LOCAL-SUBMITTER';
const LOCAL_QUEUE_ARN = `arn:aws:sqs:${LOCAL_REGION}:000000000000:strategy-report-ingest`;

let lastSequence = 0n;

/** S3 sequencers are hex numbers that grow with each event on a key; so do these. */
function nextSequencer(now: Date): string {
  const candidate = BigInt(now.getTime()) * 1_000_000n;
  lastSequence = candidate > lastSequence ? candidate : lastSequence + 1n;
  return lastSequence.toString(16).toUpperCase().padStart(18, '0');
}

export interface DeliveredUpload {
  readonly key: string;
  readonly messageId: string;
  readonly event: SQSEvent;
  readonly response: SQSBatchResponse;
}

/**
 * What AWS does after a PUT to the uploads bucket, done by hand because the local S3 server has
 * no notifications: store the object (with uploader metadata), build the S3 event notification
 * exactly as S3 sends it, wrap it in an SQS record exactly as the SQS event source delivers it,
 * and hand it to the ingest handler.
 */
export async function uploadAndDeliver(
  upload: { readonly key: string; readonly bytes: Buffer; readonly uploader?: string },
  store: ObjectStore,
  handler: (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>,
  now: Date = new Date(),
): Promise<DeliveredUpload> {
  await store.put(upload.key, upload.bytes, {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ...(upload.uploader ? { metadata: { uploader: upload.uploader } } : {}),
  });
  return deliverStoredUpload(upload.key, store, handler, now);
}

/** The S3 event of an object already in the bucket (written by something else, e.g. the intake), delivered. */
export async function deliverStoredUpload(
  key: string,
  store: ObjectStore,
  handler: (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>,
  now: Date = new Date(),
  principalId = LOCAL_PRINCIPAL,
): Promise<DeliveredUpload> {
  const head = await store.head(key);
  if (!head) throw new Error(`the upload ${key} vanished right after it was stored`);
  const event = objectCreatedEvent({
    region: LOCAL_REGION,
    bucket: store.bucket,
    key,
    size: head.size,
    etag: head.etag,
    ...(head.versionId ? { versionId: head.versionId } : {}),
    sequencer: nextSequencer(now),
    eventTime: now,
    principalId,
  });
  return deliverS3Event(event, handler, now, key);
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
