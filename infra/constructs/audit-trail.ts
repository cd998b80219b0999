import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface AuditTrailProps {
  readonly encryptionKey: kms.IKey;
  readonly accessLogs: s3.IBucket;
  /** Every read and write of a report, snapshot or manifest is recorded. */
  readonly reportsBucket: s3.IBucket;
  /** Every upload (write) is recorded: who put which workbook, when. */
  readonly uploadsBucket: s3.IBucket;
  readonly retention: Duration;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * A CloudTrail trail of S3 data events on the product's buckets: who read, wrote or tried to
 * delete which object version. Log files are encrypted with the data key, digest-signed (log file
 * validation, so a removed or edited log file is detectable), kept in a versioned, access-logged,
 * TLS-only bucket, and copied to an encrypted CloudWatch log group for search and alarms.
 * Management events are left to the account's own trail.
 */
export class AuditTrail extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly bucket: s3.Bucket;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'trail/',
      lifecycleRules: [{ expiration: props.retention }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: this.bucket,
      encryptionKey: props.encryptionKey,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
      includeGlobalServiceEvents: false,
      isMultiRegionTrail: false,
      managementEvents: cloudtrail.ReadWriteType.NONE,
    });
    this.trail.addS3EventSelector([{ bucket: props.reportsBucket }], {
      readWriteType: cloudtrail.ReadWriteType.ALL,
      includeManagementEvents: false,
    });
    this.trail.addS3EventSelector([{ bucket: props.uploadsBucket }], {
      readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY,
      includeManagementEvents: false,
    });

    const logsRole = this.trail.node.findChild('LogsRole');
    acknowledge(logsRole, {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'The CloudTrail construct creates this role to deliver the trail to its CloudWatch log group; its only policy allows logs:CreateLogStream and logs:PutLogEvents on that one log group.',
    });
    acknowledge(this.bucket, {
      id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'Trail log files stay in the deployment region, digest-signed so tampering is detectable; S3 stores them redundantly across availability zones.',
    });
  }
}
