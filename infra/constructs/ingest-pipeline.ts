import { type Duration, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as notifications from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { UPLOADS_PREFIX } from '../../shared/storage/object-keys';
import { acknowledge } from './acknowledge';
import type { ProjectFunction } from './project-function';
import { createWorkQueue } from './work-queue';

export { VISIBILITY_TIMEOUT_FACTOR } from './work-queue';

export interface IngestPipelineProps {
  readonly uploadsBucket: s3.IBucket;
  readonly encryptionKey: kms.IKey;
  readonly ingest: ProjectFunction;
  readonly ingestTimeout: Duration;
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
  readonly maxConcurrency: number;
  readonly maxReceiveCount: number;
}

/**
 * Upload → S3 event notification (uploads/ prefix, any name) → encrypted SQS queue → the
 * ingest function. The function reports failures per message (partial batch response), so one bad
 * delivery does not send its batch back; a message that fails `maxReceiveCount` times moves to the
 * dead-letter queue. The event source bounds how many ingest invocations run at once.
 */
export class IngestPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestPipelineProps) {
    super(scope, id);
    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = createWorkQueue(this, {
      encryptionKey: props.encryptionKey,
      consumerTimeout: props.ingestTimeout,
      maxReceiveCount: props.maxReceiveCount,
    }));
    // Every object under uploads/ is announced, whatever its name: a misnamed upload (a .csv, a
    // .XLSX, no extension) must still get an answer from the ingest, not silence. The annotated
    // copies the ingest writes live under annotated/, outside this prefix.
    props.uploadsBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new notifications.SqsDestination(this.queue),
      { prefix: UPLOADS_PREFIX },
    );
    this.acknowledgeNotificationHandler(props.uploadsBucket);
    props.ingest.function.addEventSource(
      new eventSources.SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
  }

  /**
   * CDK configures bucket notifications with a custom resource: a function of its own (one per
   * stack) that calls PutBucketNotificationConfiguration, with the policy allowing that call.
   */
  private acknowledgeNotificationHandler(bucket: s3.IBucket): void {
    const handler = Stack.of(this).node.tryFindChild(NOTIFICATIONS_HANDLER_ID);
    if (handler)
      acknowledge(handler, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s bucket-notifications handler (a deployment-time custom resource, never invoked by the pipeline) logs with the AWS-managed basic execution policy; it holds no data access.',
      });
    const notifications = bucket.node.tryFindChild('Notifications');
    if (notifications)
      acknowledge(notifications, {
        id: 'NIST.800.53.R5-IAMNoInlinePolicy',
        reason:
          'CDK attaches this policy to its bucket-notifications handler so it can set the uploads bucket’s notification configuration (s3:PutBucketNotification and s3:GetBucketNotification on that bucket only), at deployment time.',
      });
  }
}

/** The id CDK gives its bucket-notifications handler singleton in a stack. */
const NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';
