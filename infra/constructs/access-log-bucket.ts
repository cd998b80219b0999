import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface AccessLogBucketProps {
  /** How long access logs are kept. */
  readonly retention: Duration;
}

/**
 * Receives the S3 server access logs of every other bucket (who read or wrote which object, from
 * where). S3 delivers access logs only to a bucket encrypted with S3-managed keys, so this one
 * bucket is not encrypted with the data key; it holds request metadata, never report contents.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        { expiration: props.retention, noncurrentVersionExpiration: Duration.days(1) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      {
        id: 'AwsSolutions-S1',
        reason:
          'This is the access-log bucket itself: logging it into itself would log its own log deliveries without end.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketLoggingEnabled',
        reason:
          'This is the access-log bucket itself: logging it into itself would log its own log deliveries without end.',
      },
      {
        id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
        reason:
          'S3 server access log delivery supports only SSE-S3 on the target bucket (SSE-KMS is not supported); the logs are encrypted at rest with S3-managed keys.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'Access logs are operational evidence kept in the deployment region; S3 stores them redundantly across availability zones, and cross-region replication is not required for them.',
      },
    );
  }
}
