/**
 * The runbook entries alarms point to: each is a heading of docs/operations.md, by the anchor a
 * Markdown renderer gives it. Every alarm names one in its description, and a test checks that
 * each named heading exists, so no alarm reaches an operator without "what to do".
 */
export const RUNBOOK_FILE = 'docs/operations.md';

export const RUNBOOK = {
  ingestDeadLetters: 'ingest-dead-letters',
  scheduleDeadLetters: 'schedule-dead-letters',
  functionErrors: 'function-errors',
  throttles: 'throttles',
  oldestUpload: 'oldest-upload-waiting',
  mailBounces: 'mail-bounces',
  mailComplaints: 'mail-complaints',
  monthEndFailed: 'month-end-workflow-failed',
  monthEndTimedOut: 'month-end-workflow-timed-out',
  oldestMail: 'oldest-received-mail-waiting',
  intakeDeadLetters: 'intake-dead-letters',
  emailsFailed: 'e-mails-failed',
  verifyFailures: 'verify-failures',
} as const;

export type RunbookEntry = (typeof RUNBOOK)[keyof typeof RUNBOOK];

/** The line an alarm description ends with. */
export const runbookLink = (entry: RunbookEntry) => `Runbook: ${RUNBOOK_FILE}#${entry}`;
