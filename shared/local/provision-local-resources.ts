import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ResourceNames } from '../storage/resource-names';
import { TABLE_DEFINITION } from '../storage/table-definition';

/**
 * Creates the table and buckets on the embedded servers when they are not there yet, from the
 * same definitions the CDK stack uses. Safe to run on every start.
 */
export async function provisionLocalResources(
  clients: { dynamodb: DynamoDBClient; s3: S3Client },
  names: ResourceNames,
): Promise<{ created: string[] }> {
  const created: string[] = [];
  if (!(await tableExists(clients.dynamodb, names.tableName))) {
    const definition = TABLE_DEFINITION;
    const attributes = new Map<string, 'S' | 'N'>();
    for (const key of [definition.partitionKey, definition.sortKey]) attributes.set(key.name, key.type);
    for (const index of definition.globalSecondaryIndexes) {
      attributes.set(index.partitionKey.name, index.partitionKey.type);
      attributes.set(index.sortKey.name, index.sortKey.type);
    }
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: names.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    created.push(`table ${names.tableName}`);
  }
  for (const bucket of Object.values(names.buckets)) {
    try {
      await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      created.push(`bucket ${bucket}`);
    }
  }
  return { created };
}

async function tableExists(dynamodb: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (
      error instanceof ResourceNotFoundException ||
      (error as { name?: string }).name === 'ResourceNotFoundException'
    )
      return false;
    throw error;
  }
}
