import { type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { trailArn } from '../lib/arn-patterns';
import { acknowledge } from './acknowledge';

/**
 * The trail's name, fixed so the data key's policy and the bucket policy can name the trail's
 * ARN (`aws:SourceArn`) before it exists. Unique per stage through the stack name; the trail is
 * deleted with its stack, so a later deployment can create it again.
 */
export const auditTrailName = (scope: IConstruct) => `${Stack.of(scope).stackName}-data-events`;

export interface AuditTrailProps {
  /** Its key policy must let CloudTrail use it for this trail (EncryptionKey `forTrail`). */
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
    const trailName = auditTrailName(this);
    this.allowDelivery(trailArn(Stack.of(this), trailName));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      // An imported reference: the Trail construct adds its own delivery statements to a bucket
      // it may change, without the aws:SourceArn conditions CloudTrail's documentation
      // recommends. To a reference it cannot add them; allowDelivery writes them instead.
      bucket: s3.Bucket.fromBucketAttributes(this, 'TrailTarget', {
        bucketArn: this.bucket.bucketArn,
        bucketName: this.bucket.bucketName,
      }),
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

    // CloudTrail checks the bucket policy when the trail is created.
    if (this.bucket.policy) this.trail.node.addDependency(this.bucket.policy);

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

  /**
   * CloudTrail's delivery statements ("Amazon S3 bucket policy for CloudTrail"), each bound to
   * this trail by `aws:SourceArn`: check the bucket ACL, and put log files under AWSLogs/<account>/
   * with the bucket owner in full control.
   */
  private allowDelivery(thisTrail: string): void {
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const account = Stack.of(this).account;
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSCloudTrailAclCheck',
        principals: [cloudTrail],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceArn': thisTrail } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSCloudTrailWrite',
        principals: [cloudTrail],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${account}/*`)],
        conditions: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': thisTrail },
        },
      }),
    );
  }
}
