import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';

/** SQS requires the visibility timeout to cover the function's run; AWS advises six times it. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface WorkQueueProps {
  readonly encryptionKey: kms.IKey;
  /** The timeout of the function that consumes the queue. */
  readonly consumerTimeout: Duration;
  /** Deliveries of a message before it moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/**
 * A queue a function consumes (`Queue`) and its dead-letter queue (`DeadLetters`), created in
 * `scope`: encrypted, TLS-only, kept four days, a visibility timeout six times the consumer's.
 */
export function createWorkQueue(
  scope: Construct,
  props: WorkQueueProps,
): { readonly queue: sqs.Queue; readonly deadLetterQueue: sqs.Queue } {
  const deadLetterQueue = new DeadLetterQueue(scope, 'DeadLetters', { encryptionKey: props.encryptionKey })
    .queue;
  const queue = new sqs.Queue(scope, 'Queue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: props.encryptionKey,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
  });
  return { queue, deadLetterQueue };
}
