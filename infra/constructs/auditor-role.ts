import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REPORTS_PREFIX, SNAPSHOTS_PREFIX } from '../../shared/storage/object-keys';
import { acknowledgeWildcardResources } from './acknowledge';
import { keyStatement, tableResources } from './function-bindings';
import { ManagedPolicyRole } from './managed-policy-role';
import type { TableBackup } from './table-backup';

export interface AuditorRoleProps {
  /** Account ids or IAM role/user ARNs allowed to assume the role. */
  readonly principals: readonly string[];
  readonly requireMfa: boolean;
  readonly reportsBucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  /** The table's AWS Backup vault and plan: their recovery points are part of the record. */
  readonly backup: TableBackup;
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
/**
 * Writes by any route (PartiQL included), expiring items (TTL), the table itself, its resource
 * policy, and its backups: on-demand backups deleted, point-in-time recovery switched off.
 */
export const AUDITOR_DENIED_TABLE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
  'dynamodb:PutResourcePolicy',
  'dynamodb:DeleteResourcePolicy',
  'dynamodb:DeleteBackup',
  'dynamodb:UpdateContinuousBackups',
];
/** The vault's recovery points (deleted, or their retention shortened), the vault and the plan. */
export const AUDITOR_DENIED_BACKUP_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DisassociateRecoveryPoint',
  'backup:DeleteBackupVault',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteBackupPlan',
  'backup:UpdateBackupPlan',
  'backup:DeleteBackupSelection',
];
/** A disabled or deleted data key makes every locked report unreadable; its policy guards it. */
export const AUDITOR_DENIED_KEY_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'];

/**
 * The role an auditor assumes to run `strategy-report reports ...` and `history` against
 * production: read every report, snapshot and manifest, every version of each and its Object Lock
 * retention, and Query/GetItem the table's history. Nothing else — and everything that could alter
 * or remove the record (deletes, retention changes, governance bypass, table writes by any route,
 * backups and recovery points, disabling or deleting the data key) is explicitly denied, so
 * attaching a broader policy later cannot grant it. With `requireMfa` (always in production) the
 * assuming session must be MFA-authenticated.
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

    this.allowReadingTheRecord(props);
    this.denyAlteringTheRecord(props);
  }

  /** Reports, snapshots and manifests with their versions and retention; the table's history. */
  private allowReadingTheRecord(props: AuditorRoleProps): void {
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
    acknowledgeWildcardResources(
      this.role.policy,
      objects,
      'Auditors read every report, snapshot and manifest of every period and version: the reports/ and snapshots/ prefixes are the unit of access, and everything that could alter an object is denied.',
    );
  }

  /** Explicit denies: whatever else is attached to the role later, these stay refused. */
  private denyAlteringTheRecord(props: AuditorRoleProps): void {
    const bucket = props.reportsBucket;
    const stack = Stack.of(this);
    const deny = (sid: string, actions: readonly string[], resources: string[]) =>
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions: [...actions], resources }),
      );
    deny('NeverAlterOrRemoveReports', AUDITOR_DENIED_S3_ACTIONS, [
      bucket.bucketArn,
      bucket.arnForObjects('*'),
    ]);
    deny('NeverAlterTheHistoryOrItsBackups', AUDITOR_DENIED_TABLE_ACTIONS, [
      ...tableResources(props.table),
      `${props.table.tableArn}/backup/*`,
    ]);
    deny('NeverRemoveRecoveryPoints', AUDITOR_DENIED_BACKUP_ACTIONS, [
      props.backup.vault.backupVaultArn,
      props.backup.plan.backupPlanArn,
      stack.formatArn({
        service: 'backup',
        resource: 'recovery-point',
        resourceName: '*',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ]);
    deny('NeverDisableOrDeleteTheDataKey', AUDITOR_DENIED_KEY_ACTIONS, [props.encryptionKey.keyArn]);
  }
}
