import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type ParsedNotifications, parseS3Notifications } from '../adapters/events/s3-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { Log, LogKeys } from '../ports/log';
import { parseUploadKey } from '../storage/object-keys';
import {
  type IngestOutcome,
  ingestSubmission,
  submissionIdOf,
  type UploadNotification,
} from '../use-cases/ingest-submission';

export interface IngestHandlerOptions {
  /** Instead of the dependencies' log: the CLI's `--verbose` lines. */
  readonly log?: Log;
  /** Told every answer; the CLI uses it to print the outcome of `submit`. */
  readonly onOutcome?: (outcome: IngestOutcome) => void;
}

/**
 * The ingest Lambda: an SQS batch of S3 upload notifications. Each message is ingested on its own;
 * only messages whose processing failed in a way worth retrying come back as batch item failures
 * (SQS partial batch response), each logged with its keys. A rejected workbook is an answered
 * message, not a failure.
 */
export function createIngestHandler(
  dependencies: Pick<
    Dependencies,
    | 'catalog'
    | 'config'
    | 'clock'
    | 'uploads'
    | 'progress'
    | 'history'
    | 'mail'
    | 'workbooks'
    | 'log'
    | 'metrics'
  >,
  options: IngestHandlerOptions = {},
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const log = options.log ?? dependencies.log;
  const ports = { ...dependencies, log };

  // Every line about a message carries its id; every line about an upload, its submission id,
  // office and period, removed once the upload is answered (or has failed).
  const processRecord = (record: SQSRecord): Promise<void> =>
    log.withRecordKeys({ sqsMessageId: record.messageId }, async () => {
      let notifications: ParsedNotifications;
      try {
        notifications = parseS3Notifications(record.body);
      } catch (error) {
        return failed(log, error);
      }
      for (const name of notifications.ignored) log.info('notification ignored', { eventName: name });
      for (const upload of notifications.uploads)
        await log.withRecordKeys(uploadKeys(upload), async () => {
          let outcome: IngestOutcome;
          try {
            outcome = await ingestSubmission(upload, ports);
          } catch (error) {
            return failed(log, error);
          }
          options.onOutcome?.(outcome);
        });
    });

  return async (event, context) => {
    // One processor per invocation: it holds the batch's state. Records are processed one at a
    // time: each upload's time budget is its own (parses would share the one thread), and so are
    // the log keys appended for it.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, processRecord, processor, {
      processInParallel: false,
      ...(context ? { context } : {}),
    });
  };
}

/** What identifies an upload in the log; the office and period only when the key names them. */
function uploadKeys(upload: UploadNotification): LogKeys {
  let named: { office?: string; period?: string } = {};
  try {
    const { office, period } = parseUploadKey(upload.encodedKey, { encoded: true });
    named = { office, period };
  } catch {
    // The ingest refuses such a key and logs why; the submission id still names the upload.
  }
  return { submissionId: submissionIdOf(upload), ...named };
}

/** A failure worth retrying: logged under the keys in force, then thrown on for SQS to deliver the message again. */
function failed(log: Log, error: unknown): never {
  log.error('ingest failed: the message will be delivered again', { error });
  throw error;
}
