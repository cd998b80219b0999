import { createHash } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import type { StoredUpload } from '../../ports/ingest-queue';
import { objectCreatedEvent } from './s3-notifications';

/**
 * Who the event names as the uploader when the object carries no uploader metadata: S3 would name
 * the uploading principal, which a listing does not give, so the event says who replayed it.
 */
export const RECONCILE_PRINCIPAL = 'AWS:STRATEGY-REPORT-RECONCILE';

/**
 * The ObjectCreated notification S3 would have sent for an upload it stored, built from a listing
 * of it: its key, size and ETag; the time S3 stored it as the event time (so a file uploaded
 * before the deadline is received before the deadline, however late it is replayed); no version
 * (the ingest reads the current one). The sequencer comes from the object itself, so replaying the
 * same upload twice is one submission (the ingest's writes are idempotent per notification).
 */
export function replayedUploadEvent(
  upload: StoredUpload,
  options: { readonly region: string; readonly bucket: string; readonly now: Date },
): S3Event {
  const eventTime = upload.lastModified ?? options.now;
  return objectCreatedEvent({
    region: options.region,
    bucket: options.bucket,
    key: upload.key,
    size: upload.size,
    etag: upload.etag ?? '',
    sequencer: replaySequencer(upload, eventTime),
    eventTime,
    principalId: RECONCILE_PRINCIPAL,
  });
}

/** A hex number, like S3's sequencers: the store time in microseconds-ish, then a digest of the object. */
function replaySequencer(upload: StoredUpload, storedAt: Date): string {
  const digest = createHash('sha256')
    .update(`${upload.key}\n${upload.etag ?? ''}\n${upload.size}`)
    .digest();
  const tail = BigInt(digest.readUInt32BE(0) % 1_000_000);
  return (BigInt(storedAt.getTime()) * 1_000_000n + tail).toString(16).toUpperCase().padStart(18, '0');
}
