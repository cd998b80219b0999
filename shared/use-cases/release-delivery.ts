import type { DeliveryKey, DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';

/**
 * Gives back the claim on a delivery that was not sent, so the next run can send it at once. If
 * that fails too, the send's failure (being thrown) matters more: this one is logged, and the
 * claim's lease expiry lets a later run send.
 */
export async function releaseDelivery(
  ports: { readonly deliveries: DeliveryLog; readonly log: Log },
  key: DeliveryKey,
): Promise<void> {
  try {
    await ports.deliveries.release(key);
  } catch (error) {
    ports.log.error('could not release the delivery claim; a later run can send once its lease expires', {
      delivery: key.id,
      error,
    });
  }
}
