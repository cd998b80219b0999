import type { BusinessMetric, BusinessMetrics } from '../../../shared/ports/business-metrics';

/** Adds up every count, so a test can check what a use case said happened. */
export class RecordingMetrics implements BusinessMetrics {
  private readonly totals = new Map<BusinessMetric, number>();

  count(metric: BusinessMetric, value = 1): void {
    this.totals.set(metric, (this.totals.get(metric) ?? 0) + value);
  }

  /** The sum of the counts of `metric` (0 when never counted). */
  total(metric: BusinessMetric): number {
    return this.totals.get(metric) ?? 0;
  }

  /** Every metric counted, with its sum, by name. */
  all(): Record<string, number> {
    return Object.fromEntries([...this.totals.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
