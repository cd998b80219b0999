import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../../ports/clock';
import type { Announcement, IngestQueue, StoredUpload } from '../../ports/ingest-queue';
import { replayedUploadEvent } from '../events/replayed-upload-event';

/**
 * The deployed ingest queue: an announcement is the S3 event notification as the message body,
 * exactly what S3 puts on this queue for an upload. The ingest function takes it from there (and
 * its retries and dead-letter queue apply as to any upload).
 */
export class SqsIngestQueue implements IngestQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly options: { readonly region: string; readonly bucket: string; readonly clock: Clock },
  ) {}

  async announce(upload: StoredUpload): Promise<Announcement> {
    const event = replayedUploadEvent(upload, {
      region: this.options.region,
      bucket: this.options.bucket,
      now: this.options.clock.now(),
    });
    const sent = await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(event) }),
    );
    return { key: upload.key, messageId: sent.MessageId ?? '' };
  }
}
