import { Duration } from 'aws-cdk-lib';
import { SERVICE_NAME } from '../../shared/config/service-identity';
import { BUSINESS_METRICS, type BusinessMetric } from '../../shared/ports/business-metrics';
import type { BusinessMetric as BusinessMetricRow } from '../constructs/monitoring';
import { RUNBOOK } from './runbook';

/**
 * The dashboard row of every business metric the functions publish (shared/ports/business-metrics.ts),
 * and the alarms on the ones that mean someone must act. Keyed by metric, so a metric added to the
 * port cannot be left without its row. Powertools puts the `service` dimension on every metric it
 * publishes; a widget must ask for the same dimensions to find it.
 */
const dimensions = { service: SERVICE_NAME };
const FIVE_MINUTES = Duration.minutes(5);

export const BUSINESS_METRIC_ROWS: Readonly<Record<BusinessMetric, BusinessMetricRow>> = {
  [BUSINESS_METRICS.submissionsAccepted]: {
    metricName: BUSINESS_METRICS.submissionsAccepted,
    title: 'Submissions accepted (new revisions)',
    dimensions,
  },
  [BUSINESS_METRICS.submissionsRejected]: {
    metricName: BUSINESS_METRICS.submissionsRejected,
    title: 'Submissions rejected (answered with their problems)',
    dimensions,
  },
  [BUSINESS_METRICS.submissionsDuplicate]: {
    metricName: BUSINESS_METRICS.submissionsDuplicate,
    title: 'Submissions duplicate (bytes already committed)',
    dimensions,
  },
  [BUSINESS_METRICS.rowsIngested]: {
    metricName: BUSINESS_METRICS.rowsIngested,
    title: 'Progress rows ingested',
    dimensions,
  },
  [BUSINESS_METRICS.reportsRendered]: {
    metricName: BUSINESS_METRICS.reportsRendered,
    title: 'Report versions rendered',
    dimensions,
    period: Duration.days(1),
  },
  [BUSINESS_METRICS.emailsSent]: {
    metricName: BUSINESS_METRICS.emailsSent,
    title: 'E-mails sent (receipts, rejections, reminders, briefs)',
    dimensions,
  },
  [BUSINESS_METRICS.emailsFailed]: {
    metricName: BUSINESS_METRICS.emailsFailed,
    title: 'E-mails failed (refused by SES or not handed to it)',
    dimensions,
    period: FIVE_MINUTES,
    alarm: {
      threshold: 1,
      description: 'E-mails failed: SES refused a receipt, rejection, reminder or leadership brief',
      runbook: RUNBOOK.emailsFailed,
    },
  },
  [BUSINESS_METRICS.verifyFailures]: {
    metricName: BUSINESS_METRICS.verifyFailures,
    title: 'Verify failures (stored objects not matching their recorded SHA-256)',
    dimensions,
    period: FIVE_MINUTES,
    alarm: {
      threshold: 1,
      description:
        'Verify failures: a stored snapshot, manifest or report file no longer matches the SHA-256 recorded for it',
      runbook: RUNBOOK.verifyFailures,
    },
  },
};
