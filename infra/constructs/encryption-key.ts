import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface EncryptionKeyProps {
  readonly description: string;
  /** CloudWatch Logs may encrypt this account's log groups in this region with the key. */
  readonly forLogGroups?: boolean;
  /** CloudTrail may encrypt this account's trail log files with the key. */
  readonly forCloudTrail?: boolean;
  /** CloudWatch alarms may publish to SNS topics encrypted with the key. */
  readonly forAlarmTopics?: boolean;
  /**
   * SES may use the key for this account's receipt rule (`sourceArn`): to write received mail to a
   * bucket encrypted with it (S3 encrypts on SES's behalf), or to publish to a topic encrypted with it.
   */
  readonly forMailReceiving?: { readonly sourceArn: string };
}

/**
 * A customer-managed KMS key, rotated yearly and retained when its stack is deleted (whatever it
 * encrypted stays readable). The key policy keeps CDK's default — the account administers the key
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
      removalPolicy: RemovalPolicy.RETAIN,
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
    if (props.forCloudTrail) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudTrailEncryptsThisAccountsTrails',
          principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
          actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
            },
          },
        }),
      );
    }
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
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
    }
  }
}
