import type { IngestOutcome } from '../use-cases/ingest-submission';

/** An object stored under uploads/, as a listing shows it. */
export interface StoredUpload {
  readonly key: string;
  readonly size: number;
  /** Quoted, as S3 lists it. */
  readonly etag?: string;
  readonly lastModified?: Date;
}

export interface Announcement {
  readonly key: string;
  /** The SQS message id the announcement travelled in. */
  readonly messageId: string;
  /** The ingest's answer, where it answered at once (locally); in AWS it answers from the queue. */
  readonly outcome?: IngestOutcome;
  /** The ingest failed and would be retried (locally: no outcome, a batch item failure). */
  readonly failed?: string;
}

/**
 * Where upload notifications wait for the ingest: the SQS queue in AWS; locally the ingest handler
 * itself (the local S3 server sends no notifications). `announce` sends the notification S3
 * would have sent for a stored upload, so the ingest treats it as any other.
 */
export interface IngestQueue {
  announce(upload: StoredUpload): Promise<Announcement>;
}
