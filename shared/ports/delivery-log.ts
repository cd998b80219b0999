/** One e-mail the product must send once: the leadership brief of a report version, a reminder. */
export interface DeliveryKey {
  /** The partition of deliveries: the reporting period. */
  readonly period: string;
  /** What is delivered, e.g. `leadership#V0002` or `reminder#2026-11-07#OFO`. */
  readonly id: string;
}

export type DeliveryClaim =
  /** This caller may send now; it must call `complete` after sending. */
  | { readonly kind: 'claimed' }
  /** Sent before: do not send again. */
  | {
      readonly kind: 'sent';
      readonly sentAt: string;
      readonly messageId: string;
      readonly recipients: readonly string[];
    }
  /** Another caller is sending it right now. */
  | { readonly kind: 'in-progress' };

/**
 * Records what was mailed so a retried or repeated run does not mail it twice. A claim is held
 * for a lease: if the sender dies before `complete`, the delivery can be claimed again once the
 * lease expires (at most one duplicate, only after a crash between sending and recording).
 */
export interface DeliveryLog {
  claim(key: DeliveryKey, now: Date): Promise<DeliveryClaim>;
  complete(
    key: DeliveryKey,
    sent: { readonly messageId: string; readonly recipients: readonly string[] },
    now: Date,
  ): Promise<void>;
  /** Gives a claim back after a failed send, so the next run can try at once. */
  release(key: DeliveryKey): Promise<void>;
}
