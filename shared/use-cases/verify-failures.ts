import { IntegrityError } from '../domain/errors';
import { BUSINESS_METRICS, type BusinessMetrics } from '../ports/business-metrics';
import type { Log } from '../ports/log';

/**
 * Runs `work`; an IntegrityError — a stored snapshot, manifest or report file whose bytes no longer
 * match the SHA-256 recorded for it, found as a function reads it — is counted as a verify failure
 * and logged before it propagates (the VerifyFailures alarm: docs/operations.md).
 */
export async function countingVerifyFailures<T>(
  ports: { readonly metrics: BusinessMetrics; readonly log: Log },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IntegrityError) {
      ports.metrics.count(BUSINESS_METRICS.verifyFailures);
      ports.log.error('a stored object failed its integrity check', { error });
    }
    throw error;
  }
}
