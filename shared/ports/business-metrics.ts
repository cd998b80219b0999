/**
 * What the product counts as it works, by name: the functions publish them as CloudWatch metrics
 * (EMF, in METRICS_NAMESPACE) and the stack draws a dashboard row for each and alarms on some
 * (infra/constructs/monitoring.ts reads this same list).
 */
export const BUSINESS_METRICS = {
  /** An upload committed as a new revision. */
  submissionsAccepted: 'SubmissionsAccepted',
  /** An upload answered with its problems (nothing stored). */
  submissionsRejected: 'SubmissionsRejected',
  /** An upload of bytes already committed as a revision (nothing changed). */
  submissionsDuplicate: 'SubmissionsDuplicate',
  /** Progress rows committed with accepted uploads. */
  rowsIngested: 'RowsIngested',
  /** Report versions published. */
  reportsRendered: 'ReportsRendered',
  /** Messages the mail service took (receipts, rejections, reminders, leadership briefs). */
  emailsSent: 'EmailsSent',
  /** Messages the mail service refused or that could not be handed to it. */
  emailsFailed: 'EmailsFailed',
  /** Stored objects (snapshots, report files, manifests) that did not match their recorded SHA-256. */
  verifyFailures: 'VerifyFailures',
} as const;

export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

/** Counts business events; published when the invocation ends (Lambda) or dropped (locally). */
export interface BusinessMetrics {
  count(metric: BusinessMetric, value?: number): void;
}

/** Counts nothing: the local runtime and the CLI have no metrics service. */
export const silentMetrics: BusinessMetrics = { count: () => {} };
