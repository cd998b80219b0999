import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface DeadLetterQueueProps {
  readonly encryptionKey: kms.IKey;
}

/**
 * Where a message or event ends up once every retry has failed: encrypted, TLS-only, kept the
 * SQS maximum of 14 days so an operator has time to look, and watched by an alarm.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.queue, {
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; its depth is alarmed on instead.',
    });
  }
}
