import type { DeliveryClaim, DeliveryKey, DeliveryLog } from '../../../shared/ports/delivery-log';

type Delivery =
  | { readonly state: 'sending'; readonly leaseExpiresAt: string }
  | {
      readonly state: 'sent';
      readonly sentAt: string;
      readonly messageId: string;
      readonly recipients: string[];
    };

/**
 * The delivery log in memory, like DynamoDbDeliveryLog: a claim is refused while another holds
 * it (until its lease expires) or once the delivery was sent; `release` gives back only a claim
 * that has not been completed.
 */
export class InMemoryDeliveryLog implements DeliveryLog {
  private readonly deliveries = new Map<string, Delivery>();

  constructor(private readonly leaseMs = 10 * 60_000) {}

  async claim(key: DeliveryKey, now: Date): Promise<DeliveryClaim> {
    const id = `${key.period}#${key.id}`;
    const existing = this.deliveries.get(id);
    if (existing?.state === 'sent')
      return {
        kind: 'sent',
        sentAt: existing.sentAt,
        messageId: existing.messageId,
        recipients: [...existing.recipients],
      };
    if (existing && existing.leaseExpiresAt >= now.toISOString()) return { kind: 'in-progress' };
    this.deliveries.set(id, {
      state: 'sending',
      leaseExpiresAt: new Date(now.getTime() + this.leaseMs).toISOString(),
    });
    return { kind: 'claimed' };
  }

  async complete(
    key: DeliveryKey,
    sent: { readonly messageId: string; readonly recipients: readonly string[] },
    now: Date,
  ): Promise<void> {
    this.deliveries.set(`${key.period}#${key.id}`, {
      state: 'sent',
      sentAt: now.toISOString(),
      messageId: sent.messageId,
      recipients: [...sent.recipients],
    });
  }

  async release(key: DeliveryKey): Promise<void> {
    const id = `${key.period}#${key.id}`;
    if (this.deliveries.get(id)?.state === 'sending') this.deliveries.delete(id);
  }

  /** What is recorded for a delivery: 'sending', 'sent', or undefined. */
  stateOf(key: DeliveryKey): Delivery['state'] | undefined {
    return this.deliveries.get(`${key.period}#${key.id}`)?.state;
  }
}
