import { parseMailNotification } from '../adapters/events/ses-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { Log } from '../ports/log';
import { type ReceiveMailOutcome, receiveMail } from '../use-cases/receive-mail';
import { retriedOnFailure, type SqsBatchHandler, sqsBatchHandler } from './sqs-batch';

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
  | 'log'
>;

export interface IntakeHandlerOptions {
  /** Instead of the dependencies' log: the CLI's `--verbose` lines. */
  readonly log?: Log;
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
  options: IntakeHandlerOptions = {},
): SqsBatchHandler {
  const log = options.log ?? dependencies.log;
  const ports = { ...dependencies, log };
  // Every line about a received message carries its SES message id (and its SQS message's id).
  return sqsBatchHandler(log, async (record) => {
    const parsed = await retriedOnFailure(log, () => parseMailNotification(record.body));
    if (parsed.kind === 'ignored') {
      log.info('notification ignored', { notificationType: parsed.what });
      return;
    }
    await log.withRecordKeys({ inboundMessageId: parsed.notification.messageId }, async () => {
      // Received whether or not anyone listens (an optional call would skip its argument).
      const outcome = await retriedOnFailure(log, () => receiveMail(parsed.notification, ports));
      options.onOutcome?.(outcome);
    });
  });
}
