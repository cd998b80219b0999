import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryAllItems } from '../../../../shared/adapters/dynamodb/query-all';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);

describe('queryAllItems', () => {
  beforeEach(() => mock.reset());

  it('follows LastEvaluatedKey to the last page', async () => {
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: 'a' }, { sk: 'b' }], LastEvaluatedKey: { pk: 'P', sk: 'b' } })
      .resolvesOnce({ Items: [{ sk: 'c' }] });
    const items = await queryAllItems(documents, { TableName: 't', KeyConditionExpression: 'pk = :p' });
    expect(items.map((item) => item.sk)).toEqual(['a', 'b', 'c']);
    expect(mock.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'P', sk: 'b' });
  });

  it('passes errors on', async () => {
    mock.on(QueryCommand).rejects(new Error('ThrottlingException: rate exceeded'));
    await expect(queryAllItems(documents, { TableName: 't' })).rejects.toThrow('rate exceeded');
  });
});
