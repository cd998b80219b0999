import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANNOTATED_PREFIX, UPLOADS_PREFIX } from '../../shared/storage/object-keys';
import { acknowledgeWildcardResources } from './acknowledge';
import { keyStatement } from './function-bindings';

export interface OfficeUploadPoliciesProps {
  /** Office codes from the catalog the functions run with. */
  readonly offices: readonly string[];
  readonly uploadsBucket: s3.IBucket;
  readonly encryptionKey: kms.IKey;
}

/** `uploads/<OFFICE>/`: where an office puts its workbooks (shared/storage/object-keys.ts). */
export const officeUploadPrefix = (office: string) => `${UPLOADS_PREFIX}${office}/`;

/**
 * One customer-managed policy per office: attach it to the role, group or permission set an
 * office's submitters use, and they can upload workbooks under their own prefix only, list and
 * read back their uploads, and fetch the annotated copies of their rejected files. No office can
 * see another's prefix, and nobody outside the pipeline can write elsewhere in the bucket.
 */
export class OfficeUploadPolicies extends Construct {
  readonly policies: ReadonlyMap<string, iam.ManagedPolicy>;

  constructor(scope: Construct, id: string, props: OfficeUploadPoliciesProps) {
    super(scope, id);
    const bucket = props.uploadsBucket;
    const policies = new Map<string, iam.ManagedPolicy>();
    for (const office of props.offices) {
      const uploads = bucket.arnForObjects(`${officeUploadPrefix(office)}*`);
      const annotated = bucket.arnForObjects(`${ANNOTATED_PREFIX}${office}/*`);
      const policy = new iam.ManagedPolicy(this, office, {
        description: `strategy-report: office ${office} uploads its monthly workbooks to ${officeUploadPrefix(office)}`,
        statements: [
          new iam.PolicyStatement({
            sid: 'UploadWorkbooksUnderTheOfficePrefix',
            actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
            resources: [uploads],
          }),
          new iam.PolicyStatement({
            sid: 'ReadBackUploadsAndAnnotatedCopies',
            actions: ['s3:GetObject', 's3:GetObjectVersion'],
            resources: [uploads, annotated],
          }),
          new iam.PolicyStatement({
            sid: 'ListOnlyTheOfficesOwnKeys',
            actions: ['s3:ListBucket'],
            resources: [bucket.bucketArn],
            conditions: {
              StringLike: {
                's3:prefix': [`${officeUploadPrefix(office)}*`, `${ANNOTATED_PREFIX}${office}/*`],
              },
            },
          }),
          keyStatement(props.encryptionKey, ['kms:GenerateDataKey', 'kms:Decrypt'], 's3'),
        ],
      });
      acknowledgeWildcardResources(
        policy,
        [uploads, annotated],
        `Office ${office} works on any file under its own prefix (any period, any file name); the prefix is the unit of access and no other office's keys match it.`,
      );
      policies.set(office, policy);
    }
    this.policies = policies;
  }
}
