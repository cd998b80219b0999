import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseMailNotification } from '../adapters/events/ses-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { Log } from '../ports/log';
import { type ReceiveMailOutcome, receiveMail } from '../use-cases/receive-mail';

export type IntakeDependencies = Pick<
  Dependencies,
  | 'catalog'
  | 'config'
  | 'clock'
  | 'uploads'
  | 'inbound'
  | 'answers'
  | 'mail'
  | 'mailReader'
  | 'workbooks'
  | 'progress'
>;

export interface IntakeHandlerOptions {
  readonly log: Log;
  /** Told each message's outcome; the CLI uses it to print what `receive` did. */
  readonly onOutcome?: (outcome: ReceiveMailOutcome) => void;
}

/**
 * The intake Lambda: an SQS batch of SES receiving notifications (S3 action → SNS → SQS, raw
 * delivery). Each message is received on its own; only failures worth retrying (S3, DynamoDB)
 * come back as batch item failures. A refused or answered message is handled, not failed.
 */
export function createIntakeHandler(
  dependencies: IntakeDependencies,
  options: IntakeHandlerOptions,
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const ports = { ...dependencies, log: options.log };
  const processRecord = async (record: SQSRecord): Promise<void> => {
    const parsed = parseMailNotification(record.body);
    if (parsed.kind === 'ignored') {
      options.log.info('notification ignored', {
        messageId: record.messageId,
        notificationType: parsed.what,
      });
      return;
    }
    // Received whether or not anyone listens (an optional call would skip its argument).
    const outcome = await receiveMail(parsed.notification, ports);
    options.onOutcome?.(outcome);
  };
  return async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, processRecord, processor, context ? { context } : {});
  };
}
