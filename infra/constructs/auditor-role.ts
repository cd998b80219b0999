import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REPORTS_PREFIX, SNAPSHOTS_PREFIX } from '../../shared/storage/object-keys';
import { acknowledgeWildcardResources } from './acknowledge';
import { keyStatement, tableResources } from './function-bindings';
import { ManagedPolicyRole } from './managed-policy-role';

export interface AuditorRoleProps {
  /** Account ids or IAM role/user ARNs allowed to assume the role. */
  readonly principals: readonly string[];
  readonly requireMfa: boolean;
  readonly reportsBucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  readonly encryptionKey: kms.IKey;
}

/** Everything that would change or remove the record: denied outright, whatever else is attached. */
export const AUDITOR_DENIED_S3_ACTIONS = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutBucketPolicy',
  's3:DeleteBucket',
];
export const AUDITOR_DENIED_TABLE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
];

/**
 * The role an auditor assumes to run `strategy-report reports ...` and `history` against
 * production: read every report, snapshot and manifest, every version of each and its Object Lock
 * retention, and Query/GetItem the table's history. Nothing else — and everything that could alter
 * or remove the record (deletes, retention changes, governance bypass, table writes) is explicitly
 * denied, so attaching a broader policy later cannot grant it.
 */
export class AuditorRole extends Construct {
  readonly role: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: AuditorRoleProps) {
    super(scope, id);
    const conditions = props.requireMfa ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : undefined;
    const principal = (value: string): iam.IPrincipal =>
      /^\d{12}$/.test(value) ? new iam.AccountPrincipal(value) : new iam.ArnPrincipal(value);
    const [first, ...others] = props.principals.map(principal);
    if (first === undefined) throw new Error('the auditor role needs at least one principal');
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: conditions ? new iam.PrincipalWithConditions(first, conditions) : first,
      description: 'strategy-report auditor: read-only access to reports, manifests, snapshots and history',
      maxSessionDuration: Duration.hours(1),
    });
    for (const other of others) {
      this.role.assumeRolePolicy?.addStatements(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole'],
          principals: [other],
          ...(conditions ? { conditions } : {}),
        }),
      );
    }

    const bucket = props.reportsBucket;
    const objects = [REPORTS_PREFIX, SNAPSHOTS_PREFIX].map((prefix) => bucket.arnForObjects(`${prefix}*`));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadReportsSnapshotsAndManifestsWithTheirVersionsAndRetention',
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectAttributes',
          's3:GetObjectVersionAttributes',
          's3:GetObjectRetention',
          's3:GetObjectLegalHold',
        ],
        resources: objects,
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListReportVersionsAndSeeTheWriteOnceSettings',
        actions: [
          's3:ListBucket',
          's3:ListBucketVersions',
          's3:GetBucketVersioning',
          's3:GetBucketObjectLockConfiguration',
        ],
        resources: [bucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadHistoryByQueryAndGetItem',
        actions: ['dynamodb:Query', 'dynamodb:GetItem'],
        resources: tableResources(props.table),
      }),
    );
    this.role.addToPrincipalPolicy(
      keyStatement(props.encryptionKey, ['kms:Decrypt', 'kms:DescribeKey'], 's3'),
    );
    this.role.addToPrincipalPolicy(
      keyStatement(props.encryptionKey, ['kms:Decrypt', 'kms:DescribeKey'], 'dynamodb'),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'FindResourceNamesInTheStackOutputs',
        actions: ['cloudformation:DescribeStacks'],
        resources: [Stack.of(this).stackId],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'NeverAlterOrRemoveTheRecord',
        effect: iam.Effect.DENY,
        actions: [...AUDITOR_DENIED_S3_ACTIONS, ...AUDITOR_DENIED_TABLE_ACTIONS],
        resources: [bucket.bucketArn, bucket.arnForObjects('*'), ...tableResources(props.table)],
      }),
    );

    acknowledgeWildcardResources(
      this.role.policy,
      objects,
      'Auditors read every report, snapshot and manifest of every period and version: the reports/ and snapshots/ prefixes are the unit of access, and everything that could alter an object is denied.',
    );
  }
}
