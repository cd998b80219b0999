import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryLog } from '../../../../shared/adapters/dynamodb/dynamodb-delivery-log';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const log = new DynamoDbDeliveryLog(documents, 't', 60_000);
const key = { period: '2026-10', id: 'leadership#V0001' };
const now = new Date('2026-11-06T14:00:00Z');
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });

describe('DynamoDbDeliveryLog', () => {
  beforeEach(() => mock.reset());

  it('claims a delivery nobody holds, with a lease, by a conditional write', async () => {
    mock.on(PutCommand).resolves({});
    expect(await log.claim(key, now)).toEqual({ kind: 'claimed' });
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      Item: {
        pk: 'DELIVERY#2026-10',
        sk: 'leadership#V0001',
        state: 'sending',
        leaseExpiresAt: '2026-11-06T14:01:00.000Z',
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseExpiresAt < :now)',
    });
  });

  it('reports a delivery already sent, and one being sent', async () => {
    mock.on(PutCommand).rejects(taken());
    mock
      .on(GetCommand)
      .resolvesOnce({
        Item: { state: 'sent', sentAt: 'then', messageId: '<m>', recipients: ['a@b.example'] },
      })
      .resolvesOnce({ Item: { state: 'sending', leaseExpiresAt: 'later' } });
    expect(await log.claim(key, now)).toEqual({
      kind: 'sent',
      sentAt: 'then',
      messageId: '<m>',
      recipients: ['a@b.example'],
    });
    expect(await log.claim(key, now)).toEqual({ kind: 'in-progress' });
  });

  it('records the message and releases only an unsent claim', async () => {
    mock.on(UpdateCommand).resolves({});
    mock.on(DeleteCommand).rejects(taken());
    await log.complete(key, { messageId: '<m>', recipients: ['a@b.example'] }, now);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':sent': 'sent',
      ':id': '<m>',
      ':to': ['a@b.example'],
    });
    await expect(log.release(key)).resolves.toBeUndefined();
    expect(mock.commandCalls(DeleteCommand)[0]?.args[0].input.ConditionExpression).toBe('#state = :sending');
  });
});
