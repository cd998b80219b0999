import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDITOR_DENIED_BACKUP_ACTIONS,
  AUDITOR_DENIED_KEY_ACTIONS,
  AUDITOR_DENIED_S3_ACTIONS,
  AUDITOR_DENIED_TABLE_ACTIONS,
  AuditorRole,
} from '../../infra/constructs/auditor-role';
import { TableBackup } from '../../infra/constructs/table-backup';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { BUCKET_DEFINITIONS } from '../../shared/storage/bucket-definitions';
import { STACK_OUTPUTS, uploadPolicyOutput, uploadPrefixOutput } from '../../shared/storage/stack-outputs';
import { TABLE_DEFINITION } from '../../shared/storage/table-definition';
import { type SynthesizedStage, synthesizeStages } from '../support/synthesized-app';
import {
  allowStatements,
  type CfnResource,
  resourcesOfType,
  statementsOf,
} from '../support/template-queries';

let dev: SynthesizedStage;
let prod: SynthesizedStage;
let dispose: () => void;

beforeAll(() => {
  // Synthesis runs cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs and throws, naming each
  // one, on any finding not acknowledged: every test below also stands for "nag-clean".
  ({ dev, prod, dispose } = synthesizeStages());
});
afterAll(() => dispose());

const bucketWithLogPrefix = (template: Template, prefix: string) => {
  const [entry] = Object.entries(resourcesOfType(template, 'AWS::S3::Bucket')).filter(
    ([, bucket]) => bucket.Properties.LoggingConfiguration?.LogFilePrefix === prefix,
  );
  if (!entry) throw new Error(`no bucket logs with prefix ${prefix}`);
  return { logicalId: entry[0], properties: entry[1].Properties };
};

describe('the data key', () => {
  it('is customer-managed, rotated and retained', () => {
    dev.stateful.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('buckets', () => {
  it('are built from the shared bucket definitions, each encrypted with the data key and access-logged', () => {
    for (const definition of Object.values(BUCKET_DEFINITIONS)) {
      const bucket = bucketWithLogPrefix(dev.stateful, `${definition.role}/`);
      expect(bucket.properties.VersioningConfiguration).toEqual(
        definition.versioned ? { Status: 'Enabled' } : undefined,
      );
      expect(bucket.properties.ObjectLockEnabled).toBe(definition.objectLock);
      expect(bucket.properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
          },
        },
      ]);
    }
  });

  it('block all public access and disable ACLs, every one of them', () => {
    const buckets = Object.values(resourcesOfType(dev.stateful, 'AWS::S3::Bucket'));
    expect(buckets).toHaveLength(4); // uploads, reports, access logs, trail
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.OwnershipControls).toEqual({
        Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });

  it('refuse requests without TLS, and below TLS 1.2, on every bucket', () => {
    const policies = Object.values(resourcesOfType(dev.stateful, 'AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      const denies = policy.Properties.PolicyDocument.Statement.filter(
        (statement: { Effect: string }) => statement.Effect === 'Deny',
      );
      expect(denies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      );
    }
  });

  it('refuse a PutObject that asks for any encryption but SSE-KMS with the data key (uploads and reports)', () => {
    for (const role of Object.keys(BUCKET_DEFINITIONS)) {
      const bucket = bucketWithLogPrefix(dev.stateful, `${role}/`).logicalId;
      const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] };
      const dataKey = { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] };
      const deny = (condition: unknown) =>
        Match.objectLike({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Resource: objects,
          Condition: condition,
        });
      dev.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            // SSE-S3, DSSE, or anything but aws:kms
            deny({ StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } }),
            // another KMS key
            deny({ StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': dataKey } }),
            // aws:kms naming no key (S3 would use the AWS managed key)
            deny({
              Null: {
                's3:x-amz-server-side-encryption': 'false',
                's3:x-amz-server-side-encryption-aws-kms-key-id': 'true',
              },
            }),
            // a customer-provided key
            deny({ Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } }),
          ]),
        },
      });
    }
  });

  it('keeps reports write-once: Object Lock GOVERNANCE outside production, COMPLIANCE in production', () => {
    expect(bucketWithLogPrefix(dev.stateful, 'reports/').properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: dev.config.retention.reportsDays } },
    });
    expect(bucketWithLogPrefix(prod.stateful, 'reports/').properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: prod.config.retention.reportsDays } },
    });
    expect(bucketWithLogPrefix(prod.stateful, 'reports/').properties.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
  });

  it('keeps every version of every upload', () => {
    expect(bucketWithLogPrefix(prod.stateful, 'uploads/').properties.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
  });

  it('sends S3 server access logs to a bucket S3 can deliver to: S3-managed encryption, policy-based delivery', () => {
    const logBucket = Object.entries(resourcesOfType(dev.stateful, 'AWS::S3::Bucket')).find(
      ([, bucket]) => bucket.Properties.LoggingConfiguration === undefined,
    );
    expect(logBucket?.[1].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    dev.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logBucket?.[0] },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': dev.config.account } }),
          }),
        ]),
      },
    });
  });
});

describe('the table', () => {
  it('has exactly the keys and indexes of TABLE_DEFINITION, the one the local runtime provisions', () => {
    const [table] = Object.values(resourcesOfType(dev.stateful, 'AWS::DynamoDB::Table'));
    const keySchema = (partition: { name: string }, sort: { name: string }) => [
      { AttributeName: partition.name, KeyType: 'HASH' },
      { AttributeName: sort.name, KeyType: 'RANGE' },
    ];
    expect(table?.Properties.KeySchema).toEqual(
      keySchema(TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey),
    );
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keys = [
      TABLE_DEFINITION.partitionKey,
      TABLE_DEFINITION.sortKey,
      ...TABLE_DEFINITION.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table?.Properties.AttributeDefinitions).toEqual(
      keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    );
  });

  it('is the table the local runtime creates: same keys, attributes and indexes', async () => {
    const local = await openLocalRuntime();
    try {
      const { Table: created } = await local.clients.dynamodb.send(
        new DescribeTableCommand({ TableName: local.names.tableName }),
      );
      const [synthesized] = Object.values(resourcesOfType(dev.stateful, 'AWS::DynamoDB::Table'));
      if (!synthesized) throw new Error('no table was synthesised');
      const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
        String(a.AttributeName).localeCompare(String(b.AttributeName));
      expect(created?.KeySchema).toEqual(synthesized.Properties.KeySchema);
      expect([...(created?.AttributeDefinitions ?? [])].sort(byName)).toEqual(
        [...synthesized.Properties.AttributeDefinitions].sort(byName),
      );
      expect(
        created?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
          IndexName,
          KeySchema,
          Projection,
        })),
      ).toEqual(synthesized.Properties.GlobalSecondaryIndexes);
    } finally {
      await local.close();
    }
  });

  it('is encrypted with the data key, with point-in-time recovery, on demand', () => {
    dev.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      },
    });
  });

  it('has deletion protection and is retained in production only', () => {
    prod.stateful.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
    });
    dev.stateful.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });

  it('is backed up daily by AWS Backup into a vault encrypted with the data key', () => {
    dev.stateful.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
    });
    dev.stateful.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: [
          Match.objectLike({ Lifecycle: { DeleteAfterDays: dev.config.retention.backupDays } }),
        ],
      }),
    });
    dev.stateful.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'Arn'] }],
      }),
    });
  });
});

describe('what is kept when a stack is deleted', () => {
  it('never has a fixed name that the next deployment would collide with: the vault’s carries the stack instance', () => {
    for (const stage of [dev, prod]) {
      const [vault] = Object.values(resourcesOfType(stage.stateful, 'AWS::Backup::BackupVault'));
      expect(vault?.DeletionPolicy).toBe('Retain');
      expect(vault?.Properties.BackupVaultName).toEqual({
        'Fn::Join': [
          '',
          [
            `StrategyReport-${stage.config.stage}-Stateful-`,
            {
              'Fn::Select': [
                0,
                {
                  'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }],
                },
              ],
            },
          ],
        ],
      });
    }
    // Everything else that is retained lets CloudFormation generate its name.
    for (const stage of [dev, prod]) {
      for (const template of [stage.stateful, stage.stateless]) {
        for (const [id, resource] of Object.entries(
          template.toJSON().Resources as Record<string, CfnResource>,
        )) {
          if (resource.DeletionPolicy !== 'Retain' || resource.Type === 'AWS::Backup::BackupVault') continue;
          const named = ['BucketName', 'TableName', 'Name', 'LogGroupName', 'AliasName'].filter(
            (property) => typeof resource.Properties?.[property] === 'string',
          );
          expect(named, `${id} (${resource.Type})`).toEqual([]);
        }
      }
    }
  });
});

describe('the audit trail', () => {
  it('records every data event on the reports bucket and every write to the uploads bucket, and nothing else', () => {
    const reports = bucketWithLogPrefix(dev.stateful, 'reports/').logicalId;
    const uploads = bucketWithLogPrefix(dev.stateful, 'uploads/').logicalId;
    const objectsOf = (logicalId: string) => ({
      Type: 'AWS::S3::Object',
      Values: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId, 'Arn'] }, '/']] }],
    });
    dev.stateful.hasResourceProperties('AWS::CloudTrail::Trail', {
      EventSelectors: [
        { DataResources: [objectsOf(reports)], IncludeManagementEvents: false, ReadWriteType: 'All' },
        { DataResources: [objectsOf(uploads)], IncludeManagementEvents: false, ReadWriteType: 'WriteOnly' },
      ],
    });
  });

  it('validates log files, encrypts them with the data key, keeps them in a logged bucket and in CloudWatch Logs', () => {
    const trailBucket = bucketWithLogPrefix(dev.stateful, 'trail/');
    dev.stateful.hasResourceProperties('AWS::CloudTrail::Trail', {
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      S3BucketName: { Ref: trailBucket.logicalId },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditTrailLogs'), 'Arn'] },
    });
    expect(trailBucket.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  const trailArn = (stage: SynthesizedStage) =>
    `arn:aws:cloudtrail:${stage.config.region}:${stage.config.account}:trail/StrategyReport-${stage.config.stage}-Stateful-data-events`;

  it('has the fixed name its policies name it by', () => {
    dev.stateful.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'StrategyReport-dev-Stateful-data-events',
    });
  });

  it('lets CloudTrail use the data key for this one trail: encrypt, describe, and decrypt (S3 Bucket Key)', () => {
    const thisTrail = { 'aws:SourceArn': trailArn(dev) };
    const [key] = Object.values(resourcesOfType(dev.stateful, 'AWS::KMS::Key'));
    const forCloudTrail = (
      (key?.Properties.KeyPolicy.Statement ?? []) as { Principal?: { Service?: string } }[]
    ).filter((statement) => statement.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(forCloudTrail).toEqual([
      expect.objectContaining({
        Action: 'kms:GenerateDataKey*',
        Condition: {
          StringEquals: thisTrail,
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${dev.config.account}:trail/*`,
          },
        },
      }),
      expect.objectContaining({ Action: 'kms:DescribeKey', Condition: { StringEquals: thisTrail } }),
      expect.objectContaining({ Action: 'kms:Decrypt', Condition: { StringEquals: thisTrail } }),
    ]);
  });

  it('lets CloudTrail deliver to its bucket for this one trail only', () => {
    const trailBucket = bucketWithLogPrefix(dev.stateful, 'trail/').logicalId;
    const [[policyId, policy] = []] = Object.entries(
      resourcesOfType(dev.stateful, 'AWS::S3::BucketPolicy'),
    ).filter(([, candidate]) => candidate.Properties.Bucket.Ref === trailBucket);
    const allows = ((policy?.Properties.PolicyDocument.Statement ?? []) as { Effect: string }[]).filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn(dev) } },
      }),
      expect.objectContaining({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [trailBucket, 'Arn'] }, `/AWSLogs/${dev.config.account}/*`]],
        },
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn(dev) },
        },
      }),
    ]);
    // CloudTrail checks the policy when the trail is created.
    dev.stateful.hasResource('AWS::CloudTrail::Trail', { DependsOn: Match.arrayWith([policyId]) });
  });
});

describe('the auditor role', () => {
  const auditorPolicy = (stage: SynthesizedStage) => {
    const [policy] = Object.values(resourcesOfType(stage.stateful, 'AWS::IAM::ManagedPolicy')).filter((p) =>
      String(JSON.stringify(p.Properties.Roles)).includes('Auditor'),
    );
    if (!policy) throw new Error('no auditor policy');
    return statementsOf(policy);
  };

  it('is assumable only by the configured principals, with MFA in production', () => {
    prod.stateful.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: prod.config.auditor.principals[0] },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
      MaxSessionDuration: 3600,
    });
    expect(prod.config.auditor.requireMfa).toBe(true);
  });

  it('refuses to synthesise without a principal to trust', () => {
    const stack = new Stack(new App(), 'NoAuditors');
    const key = new kms.Key(stack, 'Key');
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    expect(
      () =>
        new AuditorRole(stack, 'Auditor', {
          principals: [],
          requireMfa: true,
          reportsBucket: new s3.Bucket(stack, 'Reports'),
          table,
          backup: new TableBackup(stack, 'Backup', {
            table,
            encryptionKey: key,
            retention: Duration.days(7),
          }),
          encryptionKey: key,
        }),
    ).toThrow(/at least one principal/);
  });

  it('reads reports, snapshots, manifests and their versions and retention, and queries the history', () => {
    const allowed = allowStatements(auditorPolicy(dev));
    const actions = allowed.flatMap((statement) => statement.actions);
    expect(actions).toEqual(
      expect.arrayContaining([
        's3:GetObject',
        's3:GetObjectVersion',
        's3:GetObjectRetention',
        's3:ListBucketVersions',
        's3:GetBucketObjectLockConfiguration',
        'dynamodb:Query',
        'dynamodb:GetItem',
        'kms:Decrypt',
        'cloudformation:DescribeStacks',
      ]),
    );
    const reads = allowed.find((statement) => statement.actions.includes('s3:GetObjectVersion'));
    expect(JSON.stringify(reads?.resources)).toContain('/reports/*');
    expect(JSON.stringify(reads?.resources)).toContain('/snapshots/*');
  });

  it('may not write, delete, change retention or bypass governance: no such action is allowed, and each is denied', () => {
    const statements = auditorPolicy(dev);
    const allowedActions = allowStatements(statements).flatMap((statement) => statement.actions);
    for (const action of allowedActions) {
      expect(action).not.toMatch(/\*|Put|Delete|Bypass|Update|Write|Create/);
    }
    const denied = statements.filter((statement) => statement.effect === 'Deny').flatMap((s) => s.actions);
    expect(denied).toEqual(
      expect.arrayContaining([
        ...AUDITOR_DENIED_S3_ACTIONS,
        's3:BypassGovernanceRetention',
        's3:PutObjectRetention',
        's3:DeleteObjectVersion',
        'dynamodb:DeleteItem',
      ]),
    );
  });

  it('is denied PartiQL writes, backup and point-in-time-recovery changes, recovery-point deletion, and disabling or deleting the data key', () => {
    const denies = auditorPolicy(dev).filter((statement) => statement.effect === 'Deny');
    const deniedOn = (action: string) =>
      JSON.stringify(
        denies.filter((statement) => statement.actions.includes(action)).flatMap((s) => s.resources),
      );
    for (const action of ['dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete']) {
      expect(AUDITOR_DENIED_TABLE_ACTIONS).toContain(action);
      expect(deniedOn(action)).toMatch(/DataTable/);
    }
    for (const action of [
      'dynamodb:DeleteBackup',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:UpdateTimeToLive',
    ]) {
      expect(deniedOn(action)).toContain('"/backup/*"');
    }
    for (const action of ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']) {
      expect(AUDITOR_DENIED_BACKUP_ACTIONS).toContain(action);
      expect(deniedOn(action)).toContain(
        `arn:aws:backup:${dev.config.region}:${dev.config.account}:recovery-point:*`,
      );
      expect(deniedOn(action)).toMatch(/DataBackupVault/);
    }
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy']) {
      expect(AUDITOR_DENIED_KEY_ACTIONS).toContain(action);
      expect(JSON.parse(deniedOn(action))).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      ]);
    }
  });
});

describe('office upload access', () => {
  const offices = defaultCatalog().offices.map((office) => office.code);

  it('gives each office of the catalog a policy to upload under its own prefix only', () => {
    const policies = Object.values(resourcesOfType(dev.stateful, 'AWS::IAM::ManagedPolicy')).filter(
      (policy) => String(policy.Properties.Description).includes('uploads its monthly workbooks'),
    );
    expect(policies).toHaveLength(offices.length);
    for (const office of offices) {
      const policy = policies.find((p) => String(p.Properties.Description).includes(`office ${office} `));
      if (!policy) throw new Error(`no policy for ${office}`);
      const put = allowStatements(statementsOf(policy)).find((s) => s.actions.includes('s3:PutObject'));
      expect(JSON.stringify(put?.resources)).toContain(`/uploads/${office}/*`);
      expect(JSON.stringify(statementsOf(policy))).not.toMatch(new RegExp(`uploads/(?!${office}/)[A-Z]`));
    }
  });

  it('outputs the table and bucket names and each office’s upload prefix and policy', () => {
    const outputs = dev.stateful.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const key of [STACK_OUTPUTS.tableName, STACK_OUTPUTS.uploadsBucket, STACK_OUTPUTS.reportsBucket]) {
      expect(outputs[key]).toBeDefined();
    }
    for (const office of offices) {
      expect(JSON.stringify(outputs[uploadPrefixOutput(office)]?.Value)).toContain(`/uploads/${office}/`);
      expect(outputs[uploadPolicyOutput(office)]).toBeDefined();
    }
  });
});
