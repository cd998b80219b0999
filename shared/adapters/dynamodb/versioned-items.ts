import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportPeriod } from '../../domain/report/report-period';
import { GSI1 } from '../../storage/table-definition';
import { conditionalWrite } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

/**
 * Snapshots and reports are both kept as `V#<n>` items under a per-period partition, each holding
 * its `record`, and listed across periods in GSI1. These read them: one version, every version
 * oldest first, only the latest (one item), or every version of a range of periods.
 */
export async function versionRecord<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  version: number,
): Promise<T | undefined> {
  const result = await documents.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk, sk: itemKeys.version(version) },
      ConsistentRead: true,
    }),
  );
  return result.Item?.record as T | undefined;
}

export async function versionRecords<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
): Promise<T[]> {
  const items = await queryAllItems(documents, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': itemKeys.versionPrefix },
    ConsistentRead: true,
  });
  return items.map((item) => item.record as T);
}

export async function latestVersionRecord<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
): Promise<T | undefined> {
  const result = await documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': itemKeys.versionPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return result.Items?.[0]?.record as T | undefined;
}

/** Every version of the periods from `from` to `to`, by period then version: one Query of GSI1 under `listing`. */
export async function versionRecordsInRange<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  listing: string,
  from: ReportPeriod,
  to: ReportPeriod,
): Promise<T[]> {
  const items = await queryAllItems(documents, {
    TableName: tableName,
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name, '#sk': GSI1.sortKey.name },
    ExpressionAttributeValues: { ':pk': listing, ':from': `${from}#`, ':to': `${to}#~` },
  });
  return items.map((item) => item.record as T);
}

/** Writes a version's item (listed in GSI1 under `listing`), once: false when that version exists. */
export async function putVersionRecord(
  documents: DynamoDBDocumentClient,
  tableName: string,
  item: {
    readonly pk: string;
    readonly listing: string;
    readonly entity: string;
    readonly record: { readonly period: ReportPeriod; readonly version: number };
  },
): Promise<boolean> {
  const { period, version } = item.record;
  return conditionalWrite(() =>
    documents.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: item.pk,
          sk: itemKeys.version(version),
          [GSI1.partitionKey.name]: item.listing,
          [GSI1.sortKey.name]: itemKeys.periodVersion(period, version),
          entity: item.entity,
          record: item.record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}
