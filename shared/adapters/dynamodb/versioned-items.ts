import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

/**
 * Snapshots and reports are both kept as `V#<n>` items under a per-period partition, each holding
 * its `record`. These read them: every version oldest first, or only the latest (one item).
 */
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
