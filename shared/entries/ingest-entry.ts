import { parseS3Notifications } from '../adapters/events/s3-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { Log, LogKeys } from '../ports/log';
import { parseUploadKey } from '../storage/object-keys';
import {
  type IngestOutcome,
  ingestSubmission,
  submissionIdOf,
  type UploadNotification,
} from '../use-cases/ingest-submission';
import { retriedOnFailure, type SqsBatchHandler, sqsBatchHandler } from './sqs-batch';

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
    | 'answers'
    | 'inbound'
    | 'log'
    | 'metrics'
  >,
  options: IngestHandlerOptions = {},
): SqsBatchHandler {
  const log = options.log ?? dependencies.log;
  const ports = { ...dependencies, log };

  // Every line about an upload carries its submission id, office and period (and, from the batch
  // handler, its message's id), removed once the upload is answered or has failed.
  return sqsBatchHandler(log, async (record) => {
    const notifications = await retriedOnFailure(log, () => parseS3Notifications(record.body));
    for (const name of notifications.ignored) log.info('notification ignored', { eventName: name });
    for (const upload of notifications.uploads)
      await log.withRecordKeys(uploadKeys(upload), async () => {
        const outcome = await retriedOnFailure(log, () => ingestSubmission(upload, ports));
        options.onOutcome?.(outcome);
      });
  });
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
