import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseS3Notifications } from '../adapters/events/s3-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { Log } from '../ports/log';
import { type IngestOutcome, ingestSubmission } from '../use-cases/ingest-submission';

export interface IngestHandlerOptions {
  readonly log: Log;
  /** Told every answer; the CLI uses it to print the outcome of `submit`. */
  readonly onOutcome?: (outcome: IngestOutcome) => void;
}

/**
 * The ingest Lambda: an SQS batch of S3 upload notifications. Each message is ingested on its own;
 * only messages whose processing failed in a way worth retrying come back as batch item failures
 * (SQS partial batch response). A rejected workbook is an answered message, not a failure.
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
  >,
  options: IngestHandlerOptions,
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const ports = { ...dependencies, log: options.log };

  const processRecord = async (record: SQSRecord): Promise<void> => {
    const { uploads, ignored } = parseS3Notifications(record.body);
    for (const name of ignored)
      options.log.info('notification ignored', { messageId: record.messageId, eventName: name });
    for (const upload of uploads) {
      const outcome = await ingestSubmission(upload, ports);
      options.onOutcome?.(outcome);
    }
  };

  return async (event, context) => {
    // One processor per invocation: it holds the batch's state.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, processRecord, processor, context ? { context } : {});
  };
}
