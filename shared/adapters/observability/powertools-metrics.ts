import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusinessMetrics } from '../../ports/business-metrics';

/**
 * Business metrics as Powertools' Metrics stores them: each count is added to the invocation's
 * metrics and published as one EMF document on stdout when the invocation ends (lambda-handler.ts);
 * CloudWatch turns it into metrics in the namespace, with the `service` dimension.
 */
export function powertoolsMetrics(metrics: Metrics): BusinessMetrics {
  return {
    count: (metric, value = 1) => metrics.addMetric(metric, MetricUnit.Count, value),
  };
}
