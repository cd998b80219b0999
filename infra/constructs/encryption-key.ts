import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { alarmArnPattern } from '../lib/arn-patterns';

export interface EncryptionKeyProps {
  readonly description: string;
  /** CloudWatch Logs may encrypt this account's log groups in this region with the key. */
  readonly forLogGroups?: boolean;
  /**
   * The trail (by ARN) whose log files CloudTrail encrypts with the key. Its name is fixed before
   * the trail exists, so the key policy can name it without a dependency cycle.
   */
  readonly forTrail?: { readonly trailArn: string };
  /** CloudWatch alarms may publish to SNS topics encrypted with the key. */
  readonly forAlarmTopics?: boolean;
  /** Default RETAIN: whatever the key encrypted stays readable after its stack is deleted. */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * SES may use the key for this account's receipt rule (`sourceArn`): to write received mail to a
   * bucket encrypted with it (S3 encrypts on SES's behalf), or to publish to a topic encrypted with it.
   */
  readonly forMailReceiving?: { readonly sourceArn: string };
}

/**
 * A customer-managed KMS key, rotated yearly and, unless told otherwise, retained when its stack
 * is deleted (whatever it encrypted stays readable; a DESTROY key is scheduled for deletion). The key policy keeps CDK's default — the account administers the key
 * and IAM policies grant its use, which is how each function gets exactly the key actions it
 * needs — and adds only the AWS services that encrypt with it on the account's behalf, each bound
 * to this account by a condition.
 */
export class EncryptionKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: props.description,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (props.forLogGroups) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
          principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
          actions: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:DescribeKey',
          ],
          resources: ['*'],
          conditions: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
            },
          },
        }),
      );
    }
    if (props.forTrail) this.allowTrail(props.forTrail.trailArn);
    if (props.forMailReceiving) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'SesReceivingUsesTheKeyForThisAccountsRule',
          principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            ArnLike: { 'aws:SourceArn': props.forMailReceiving.sourceArn },
          },
        }),
      );
    }
    if (props.forAlarmTopics) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: {
            ArnLike: { 'aws:SourceArn': alarmArnPattern(stack) },
            StringEquals: { 'aws:SourceAccount': stack.account },
          },
        }),
      );
    }
  }

  /**
   * The statements the CloudTrail KMS documentation requires ("Configure AWS KMS key policies for
   * CloudTrail"), each bound to the one trail by `aws:SourceArn` as it recommends: encrypt log
   * files (GenerateDataKey, also bound to this account's trail encryption context), describe the
   * key, and decrypt — required when the trail's bucket uses an S3 Bucket Key, as ours does, to
   * create or update the trail.
   */
  private allowTrail(trailArn: string): void {
    const stack = Stack.of(this);
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const thisTrail = { 'aws:SourceArn': trailArn };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsTheAuditTrailsLogFiles',
        principals: [cloudTrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: thisTrail,
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesTheKeyForTheAuditTrail',
        principals: [cloudTrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: thisTrail },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDecryptsForTheTrailBucketsBucketKey',
        principals: [cloudTrail],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: thisTrail },
      }),
    );
  }
}
