import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { ENVIRONMENT_VARIABLES } from '../../shared/config/function-environment';
import type { ProductConfig } from '../../shared/config/product-config';
import type { BucketRole } from '../../shared/storage/bucket-definitions';
import { TABLE_DEFINITION } from '../../shared/storage/table-definition';
import { type BucketAccess, type DataAccess, TABLE_READ_ACTIONS, type TableAction } from '../lib/data-access';
import { acknowledgeWildcardResources } from './acknowledge';
import type { MailSending } from './mail-sending';
import type { ProjectFunction } from './project-function';

/*
 * Bind helpers: each one sets the environment variable a function reads (by the shared names in
 * shared/config/function-environment.ts) and grants exactly the access that goes with it, with
 * explicit actions and resources. No helper grants `*` actions or `Resource: *`.
 */

/** What DynamoDB and S3 need from the caller to use a customer-managed key on its behalf. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];

/** The key, used only through the named service (`kms:ViaService`). */
export function keyStatement(key: kms.IKey, actions: readonly string[], service: 's3' | 'dynamodb') {
  return new iam.PolicyStatement({
    actions: [...actions],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(key).region}.amazonaws.com` } },
  });
}

/** What a binding needs of the table: the stateless stack knows it only by imported name and ARN. */
export interface TableRef {
  readonly tableName: string;
  readonly tableArn: string;
}

/** The table and each index named in TABLE_DEFINITION: Query on an index needs its own ARN. */
export function tableResources(table: TableRef): string[] {
  return [
    table.tableArn,
    ...TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
}

export function bindProductConfig(fn: ProjectFunction, config: ProductConfig): void {
  fn.addEnvironment(ENVIRONMENT_VARIABLES.productConfig, JSON.stringify(config));
}

/** Exactly the given table actions, on the table and its indexes, and the key to go with them. */
export function bindTable(
  fn: ProjectFunction,
  table: TableRef,
  key: kms.IKey,
  actions: readonly TableAction[],
): void {
  fn.addEnvironment(ENVIRONMENT_VARIABLES.tableName, table.tableName);
  if (actions.length === 0) return;
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: actions.map((action) => `dynamodb:${action}`),
      resources: tableResources(table),
    }),
  );
  const writes = actions.some((action) => !TABLE_READ_ACTIONS.includes(action));
  fn.role.addToPrincipalPolicy(
    keyStatement(key, [...KEY_READ_ACTIONS, ...(writes ? KEY_WRITE_ACTIONS : [])], 'dynamodb'),
  );
}

const BUCKET_VARIABLE: Readonly<Record<BucketRole, string>> = {
  uploads: ENVIRONMENT_VARIABLES.uploadsBucket,
  reports: ENVIRONMENT_VARIABLES.reportsBucket,
};

export function bindBucket(
  fn: ProjectFunction,
  role: BucketRole,
  bucket: s3.IBucket,
  key: kms.IKey,
  access: BucketAccess,
): void {
  fn.addEnvironment(BUCKET_VARIABLE[role], bucket.bucketName);
  const read = access.read ?? [];
  const write = access.write ?? [];
  if (read.length > 0) {
    const objects = read.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: objects }),
    );
    acknowledgeWildcardResources(
      fn.role.policy,
      objects,
      `${fn.node.id} reads objects under ${read.join(', ')} in the ${role} bucket: the rest of each key (period, office or version, file) is known only at run time, so the prefix is the narrowest fixed scope.`,
    );
    // Without ListBucket, S3 answers a missing key with 403 instead of 404, and the object store
    // could not tell "not there" from "not allowed". The functions never list; a listing with a
    // prefix is allowed only under the prefixes they read. `IfExists`: S3's own check when a
    // GetObject or HeadObject finds no key carries no prefix, and must pass for the 404.
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLikeIfExists: { 's3:prefix': read.map((prefix) => `${prefix}*`) } },
      }),
    );
  }
  if (write.length > 0) {
    const objects = write.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // AbortMultipartUpload: large files are written as multipart uploads (lib-storage).
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: objects,
      }),
    );
    acknowledgeWildcardResources(
      fn.role.policy,
      objects,
      `${fn.node.id} writes new objects under ${write.join(', ')} in the ${role} bucket, each under a key built and validated by shared/storage/object-keys.ts; it cannot write anywhere else.`,
    );
  }
  fn.role.addToPrincipalPolicy(
    keyStatement(
      key,
      [
        ...(read.length > 0 ? ['kms:Decrypt'] : []),
        // Multipart uploads decrypt their parts to complete the object.
        ...(write.length > 0 ? ['kms:GenerateDataKey', 'kms:Decrypt'] : []),
      ].filter((action, index, all) => all.indexOf(action) === index),
      's3',
    ),
  );
}

export function bindMail(fn: ProjectFunction, mail: MailSending): void {
  fn.addEnvironment(ENVIRONMENT_VARIABLES.sesConfigurationSet, mail.configurationSet.configurationSetName);
  mail.grantSend(fn.role);
}

/** The data a function reaches, as its entry declares it (infra/lib/function-entries.ts). */
export interface DataResources {
  readonly table: TableRef;
  readonly key: kms.IKey;
  readonly buckets: Readonly<Record<BucketRole, s3.IBucket>>;
  readonly mail: MailSending;
}

/** Binds everything a function's declared access names, and nothing else. */
export function bindAccess(fn: ProjectFunction, access: DataAccess, resources: DataResources): void {
  bindTable(fn, resources.table, resources.key, access.table);
  for (const role of ['uploads', 'reports'] as const) {
    const declared = access[role];
    if (declared) bindBucket(fn, role, resources.buckets[role], resources.key, declared);
  }
  if (access.mail) bindMail(fn, resources.mail);
}
