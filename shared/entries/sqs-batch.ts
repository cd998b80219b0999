import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Log } from '../ports/log';

export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * A handler for an SQS batch (SQS partial batch response): each record processed on its own, one
 * at a time — each upload's time budget is its own (parses would share the one thread), and so
 * are the log keys appended for it — with its message id on every line logged meanwhile. Only the
 * records whose processing threw come back as batch item failures, for SQS to deliver again.
 */
export function sqsBatchHandler(
  log: Log,
  processRecord: (record: SQSRecord) => Promise<void>,
): SqsBatchHandler {
  const keyed = (record: SQSRecord) =>
    log.withRecordKeys({ sqsMessageId: record.messageId }, () => processRecord(record));
  return async (event, context) =>
    // One processor per invocation: it holds the batch's state.
    processPartialResponse(event, keyed, new BatchProcessor(EventType.SQS), {
      processInParallel: false,
      ...(context ? { context } : {}),
    });
}

/**
 * Runs one step of a record's processing; a failure is logged under the keys in force (the
 * batch processor would otherwise only report the message id back to SQS) and thrown on, for SQS
 * to deliver the message again.
 */
export async function retriedOnFailure<T>(log: Log, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    log.error('processing failed: SQS will deliver the message again', { error });
    throw error;
  }
}
