/**
 * How the functions name themselves in their logs, traces and metrics. The stack's dashboard and
 * alarms read these same constants (infra may import shared, never the reverse), so a metric and
 * the widget that draws it cannot disagree on a name.
 */

/** The CloudWatch namespace of the business metrics (BUSINESS_METRICS). */
export const METRICS_NAMESPACE = 'StrategyReport';

/**
 * The Powertools service name of every function: `service` on each log line and trace, and the
 * `service` dimension Powertools puts on each metric (so the dashboard asks for it too).
 */
export const SERVICE_NAME = 'strategy-report';
