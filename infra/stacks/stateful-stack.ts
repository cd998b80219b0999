import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { BUCKET_DEFINITIONS, BUCKET_ROLES, type BucketRole } from '../../shared/storage/bucket-definitions';
import { INBOUND_PREFIX } from '../../shared/storage/object-keys';
import { STACK_OUTPUTS, uploadPolicyOutput, uploadPrefixOutput } from '../../shared/storage/stack-outputs';
import type { StageConfig } from '../config/stage-config';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { AuditTrail, auditTrailName } from '../constructs/audit-trail';
import { AuditorRole } from '../constructs/auditor-role';
import { DataTable } from '../constructs/data-table';
import { EncryptionKey } from '../constructs/encryption-key';
import { OfficeUploadPolicies, officeUploadPrefix } from '../constructs/office-upload-policies';
import { SecureBucket } from '../constructs/secure-bucket';
import { TableBackup } from '../constructs/table-backup';
import { trailArn } from '../lib/arn-patterns';
import { intakeReceiptRuleArn } from '../lib/mail-receiving';
import { removalPolicyFor } from '../lib/removal-policy';
import { statefulExports } from '../lib/stack-names';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
  /** Office codes of the catalog the functions run with: each gets an upload prefix and policy. */
  readonly offices: readonly string[];
}

/**
 * Everything that holds data and must outlive any deployment of the code: the data key, the
 * uploads and reports buckets (built from shared/storage/bucket-definitions.ts), the access-log
 * bucket, the table (from shared/storage/table-definition.ts) and its backups, the audit trail,
 * the auditor role and the offices' upload policies.
 */
export class StatefulStack extends Stack {
  readonly dataKey: kms.Key;
  readonly buckets: Readonly<Record<BucketRole, s3.Bucket>>;
  readonly table: DataTable;
  readonly auditTrail: AuditTrail;
  readonly auditorRole: iam.Role;
  readonly officePolicies: OfficeUploadPolicies;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    // SES stores received mail in the uploads bucket (inbound/), encrypted with the data key: only
    // for this account's intake receipt rule, named here so no reference crosses the stacks.
    const receiptRuleArn = intakeReceiptRuleArn(this, config);
    this.dataKey = new EncryptionKey(this, 'DataKey', {
      description: 'strategy-report data: uploads, reports, the table, its backups and the audit trail',
      forLogGroups: true,
      forTrail: { trailArn: trailArn(this, auditTrailName(this)) },
      forMailReceiving: { sourceArn: receiptRuleArn },
    }).key;
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      retention: Duration.days(config.retention.auditLogDays),
    }).bucket;

    const reportRetention = Duration.days(config.retention.reportsDays);
    const objectLockRetention =
      config.retention.reportsMode === 'COMPLIANCE'
        ? s3.ObjectLockRetention.compliance(reportRetention)
        : s3.ObjectLockRetention.governance(reportRetention);
    const bucketOf = (role: BucketRole) => {
      const definition = BUCKET_DEFINITIONS[role];
      return new SecureBucket(this, `${role[0]?.toUpperCase()}${role.slice(1)}`, {
        definition,
        encryptionKey: this.dataKey,
        accessLogs,
        ...(definition.objectLock ? { objectLockRetention } : {}),
      }).bucket;
    };
    this.buckets = Object.fromEntries(BUCKET_ROLES.map((role) => [role, bucketOf(role)])) as Record<
      BucketRole,
      s3.Bucket
    >;

    this.buckets.uploads.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesStoresReceivedMailForThisAccountsRule',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.buckets.uploads.arnForObjects(`${INBOUND_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': receiptRuleArn },
        },
      }),
    );

    this.table = new DataTable(this, 'Data', { encryptionKey: this.dataKey, production: config.production });
    const backup = new TableBackup(this, 'DataBackup', {
      table: this.table.table,
      encryptionKey: this.dataKey,
      retention: Duration.days(config.retention.backupDays),
    });

    this.auditTrail = new AuditTrail(this, 'AuditTrail', {
      encryptionKey: this.dataKey,
      accessLogs,
      reportsBucket: this.buckets.reports,
      uploadsBucket: this.buckets.uploads,
      retention: Duration.days(config.retention.auditLogDays),
      logRetention: config.retention.logDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicyFor(config),
    });
    this.auditorRole = new AuditorRole(this, 'Auditor', {
      principals: config.auditor.principals,
      requireMfa: config.auditor.requireMfa,
      reportsBucket: this.buckets.reports,
      table: this.table.table,
      backup,
      encryptionKey: this.dataKey,
    }).role;
    this.officePolicies = new OfficeUploadPolicies(this, 'OfficeUploads', {
      offices: props.offices,
      uploadsBucket: this.buckets.uploads,
      encryptionKey: this.dataKey,
    });

    this.addOutputs(config.stage, props.offices);
  }

  private addOutputs(stage: string, offices: readonly string[]): void {
    const exports = statefulExports(stage);
    const output = (key: string, value: string, description: string, exportName?: string) =>
      new CfnOutput(this, key, { key, value, description, ...(exportName ? { exportName } : {}) });
    output(STACK_OUTPUTS.tableName, this.table.table.tableName, 'The DynamoDB table', exports.tableName);
    output('TableArn', this.table.table.tableArn, 'ARN of the DynamoDB table', exports.tableArn);
    output(
      STACK_OUTPUTS.uploadsBucket,
      this.buckets.uploads.bucketName,
      'Offices upload workbooks here',
      exports.uploadsBucketName,
    );
    output(
      'UploadsBucketArn',
      this.buckets.uploads.bucketArn,
      'ARN of the uploads bucket',
      exports.uploadsBucketArn,
    );
    output(
      STACK_OUTPUTS.reportsBucket,
      this.buckets.reports.bucketName,
      'Rendered reports, manifests and snapshots (versioned, Object Lock)',
      exports.reportsBucketName,
    );
    output(
      'ReportsBucketArn',
      this.buckets.reports.bucketArn,
      'ARN of the reports bucket',
      exports.reportsBucketArn,
    );
    output(
      'DataKeyArn',
      this.dataKey.keyArn,
      'The customer-managed key encrypting the data',
      exports.dataKeyArn,
    );
    output(STACK_OUTPUTS.auditorRoleArn, this.auditorRole.roleArn, 'Auditors assume this role (read-only)');
    for (const office of offices) {
      output(
        uploadPrefixOutput(office),
        `s3://${this.buckets.uploads.bucketName}/${officeUploadPrefix(office)}`,
        `Where office ${office} uploads its workbooks (<period>/<file>.xlsx below it)`,
      );
      const policy = this.officePolicies.policies.get(office);
      if (policy)
        output(
          uploadPolicyOutput(office),
          policy.managedPolicyArn,
          `Attach to office ${office}'s submitters to let them upload`,
        );
    }
  }
}
