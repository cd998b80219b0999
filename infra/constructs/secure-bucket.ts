import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDefinition } from '../../shared/storage/bucket-definitions';
import { acknowledge } from './acknowledge';

export interface SecureBucketProps {
  /** The shared definition (versioning, Object Lock) the local runtime also builds from. */
  readonly definition: BucketDefinition;
  readonly encryptionKey: kms.IKey;
  readonly accessLogs: s3.IBucket;
  /** Default retention of every object version; required when the definition has Object Lock. */
  readonly objectLockRetention?: s3.ObjectLockRetention;
}

/**
 * A product bucket built from its shared definition: encrypted with the data key (with an S3
 * Bucket Key, so KMS is called per object rather than per request), versioned and write-once as
 * the definition says, public access blocked, TLS 1.2 or newer required, ACLs disabled, access
 * logged, and retained when the stack is deleted. Its policy refuses any write that asks for
 * another encryption than the data key (see denyOtherEncryption).
 */
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly definition: BucketDefinition;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { definition } = props;
    if (definition.objectLock !== (props.objectLockRetention !== undefined)) {
      throw new Error(
        `bucket ${definition.role}: a default Object Lock retention is given exactly when the definition has Object Lock`,
      );
    }
    this.definition = definition;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: definition.versioned,
      objectLockEnabled: definition.objectLock,
      ...(props.objectLockRetention ? { objectLockDefaultRetention: props.objectLockRetention } : {}),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: `${definition.role}/`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.denyOtherEncryption(props.encryptionKey);
    acknowledge(this.bucket, {
      id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      reason: `The ${definition.role} bucket lives in the deployment region only: S3 already stores every object version redundantly across availability zones, and its history is protected against deletion by versioning${definition.objectLock ? ' and Object Lock' : ''} rather than by a second copy.`,
    });
  }

  /**
   * Every object is encrypted with the data key. A PutObject (the permission that also covers
   * CreateMultipartUpload, UploadPart and CopyObject) is refused when it asks for anything else:
   * another algorithm (SSE-S3, DSSE), another key, SSE-KMS without naming the key (S3 would use
   * the AWS managed key), or a customer-provided key. A request that asks for nothing gets the
   * bucket's default — SSE-KMS with the data key — which is why the denies test the headers only
   * where they exist: the functions and `aws s3 cp` send none, and an UploadPart never carries them.
   */
  private denyOtherEncryption(key: kms.IKey): void {
    const deny = (sid: string, conditions: Record<string, Record<string, string>>) =>
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [this.bucket.arnForObjects('*')],
          conditions,
        }),
      );
    deny('DenyPutWithoutSseKms', {
      StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' },
    });
    deny('DenyPutWithAnotherKey', {
      StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn },
    });
    deny('DenyPutWithSseKmsButNoKeyId', {
      Null: {
        's3:x-amz-server-side-encryption': 'false',
        's3:x-amz-server-side-encryption-aws-kms-key-id': 'true',
      },
    });
    deny('DenyPutWithCustomerProvidedKey', {
      Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
    });
  }
}
