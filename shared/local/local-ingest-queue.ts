import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { replayedUploadEvent } from '../adapters/events/replayed-upload-event';
import { createIngestHandler } from '../entries/ingest-entry';
import type { Announcement, IngestQueue, StoredUpload } from '../ports/ingest-queue';
import { type Log, silentLog } from '../ports/log';
import type { IngestOutcome } from '../use-cases/ingest-submission';
import { deliverS3Event } from './deliver-upload';
import { LOCAL_REGION } from './local-runtime';

/**
 * Locally there is no queue and the S3 server sends no notifications: an announcement is handed
 * to the ingest handler at once, inside an SQS record, as the event source would deliver it.
 */
export class LocalIngestQueue implements IngestQueue {
  constructor(
    private readonly dependencies: Parameters<typeof createIngestHandler>[0],
    private readonly log: Log = silentLog,
  ) {}

  async announce(upload: StoredUpload): Promise<Announcement> {
    const outcomes: IngestOutcome[] = [];
    const handler = createIngestHandler(this.dependencies, {
      log: this.log,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    const now = this.dependencies.clock.now();
    const event = replayedUploadEvent(upload, {
      region: LOCAL_REGION,
      bucket: this.dependencies.uploads.bucket,
      now,
    });
    try {
      const delivered = await deliverS3Event(event, handler, now, upload.key);
      const failure = delivered.response.batchItemFailures[0];
      return {
        key: upload.key,
        messageId: delivered.messageId,
        ...(outcomes[0] ? { outcome: outcomes[0] } : {}),
        ...(failure || !outcomes[0] ? { failed: 'the ingest did not answer; AWS would retry it' } : {}),
      };
    } catch (error) {
      if (!(error instanceof FullBatchFailureError)) throw error;
      return {
        key: upload.key,
        messageId: '',
        failed: `the ingest failed and AWS would retry it: ${error.recordErrors[0]?.message ?? error.message}`,
      };
    }
  }
}
