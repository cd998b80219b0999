import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { stackInstanceSuffix } from '../lib/stack-instance';
import { acknowledge } from './acknowledge';

export interface TableBackupProps {
  readonly table: dynamodb.ITable;
  readonly encryptionKey: kms.IKey;
  /** How long each daily recovery point is kept. */
  readonly retention: Duration;
}

/**
 * Daily AWS Backup recovery points of the table, in a vault encrypted with the data key, on top
 * of point-in-time recovery: a backup outside the table survives a mistaken restore or delete.
 */
export class TableBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    // A vault must have a name, and it is kept (with its recovery points) when the stack is
    // deleted: the stack instance suffix makes the next deployment's name a new one instead of
    // colliding with the kept vault's. At most 50 characters: the stack name (≤ 40) and 9.
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `${Stack.of(this).stackName}-${stackInstanceSuffix(this)}`,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Named after the stack: unique per stage, and readable in the AWS Backup console.
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `${Stack.of(this).stackName}-table`,
      backupVault: this.vault,
    });
    this.plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Daily',
        scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5' }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: props.retention,
      }),
    );
    const selection = this.plan.addSelection('Table', {
      resources: [backup.BackupResource.fromDynamoDbTable(props.table)],
      allowRestores: false,
    });
    acknowledge(selection, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWS Backup runs backup jobs with its AWS-maintained service role policy, which AWS updates as the service changes; this role is assumable only by backup.amazonaws.com and restores are not granted.',
    });
  }
}
