import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeliveryClaim, DeliveryKey, DeliveryLog } from '../../ports/delivery-log';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';

/** Longer than a send takes, shorter than the next scheduled run. */
const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * `DELIVERY#<period>` / `<id>` items: `state` is `sending` (with a lease) while a sender holds the
 * delivery, `sent` (with the message id and recipients) once it went out. Claimed with a
 * conditional write, so two runs never both send.
 */
export class DynamoDbDeliveryLog implements DeliveryLog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  private key(key: DeliveryKey) {
    return { pk: itemKeys.deliveries(key.period), sk: key.id };
  }

  async claim(key: DeliveryKey, now: Date): Promise<DeliveryClaim> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(key),
            entity: 'Delivery',
            state: 'sending',
            leaseExpiresAt: new Date(now.getTime() + this.leaseMs).toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseExpiresAt < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.toISOString() },
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }),
    );
    const item = existing.Item;
    if (item?.state === 'sent')
      return {
        kind: 'sent',
        sentAt: String(item.sentAt),
        messageId: String(item.messageId),
        recipients: (item.recipients as string[] | undefined) ?? [],
      };
    return { kind: 'in-progress' };
  }

  async complete(
    key: DeliveryKey,
    sent: { readonly messageId: string; readonly recipients: readonly string[] },
    now: Date,
  ): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression:
          'SET #state = :sent, sentAt = :now, messageId = :id, recipients = :to REMOVE leaseExpiresAt',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': now.toISOString(),
          ':id': sent.messageId,
          ':to': [...sent.recipients],
        },
      }),
    );
  }

  async release(key: DeliveryKey): Promise<void> {
    await this.documents
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(key),
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}
