import type { Dependencies } from '../composition/dependencies';
import { parseNotifyEvent } from '../domain/notify-event';
import type { QuarterKey } from '../domain/report/report-period';
import { periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import type { LogKeys } from '../ports/log';
import type { MailVersionOutcome } from '../use-cases/mail-report-version';
import { notifyLeadership } from '../use-cases/notify-leadership';
import { notifyQuarterlyReview } from '../use-cases/notify-quarterly-review';
import { countingVerifyFailures } from '../use-cases/verify-failures';

export type NotifyDependencies = Pick<
  Dependencies,
  | 'reportIndex'
  | 'snapshotIndex'
  | 'reportObjects'
  | 'deliveries'
  | 'mail'
  | 'clock'
  | 'config'
  | 'log'
  | 'metrics'
>;

export interface NotifyResult {
  readonly period: string;
  readonly outcome: 'sent' | 'already-sent';
  readonly version: number;
  readonly recipients: readonly string[];
  readonly messageId: string;
  readonly workbook?: 'attached' | 'linked';
  readonly sentAt?: string;
}

/** Mails the period's latest report to config.mail.leadership, once per report version. */
export async function runNotify(deps: NotifyDependencies, request: ScheduledRequest): Promise<NotifyResult> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  const outcome = await mailLogged(deps, { period }, 'leadership brief', () =>
    notifyLeadership(deps, {
      period,
      sender: deps.config.mail.sender,
      recipients: deps.config.mail.leadership,
    }),
  );
  return { period: outcome.record.period, ...resultOf(outcome) };
}

/**
 * Mails the quarter's latest review pack to config.mail.leadership, once per pack version (the
 * month-end workflow's step after the review step rendered it).
 */
export async function runNotifyReview(
  deps: NotifyDependencies,
  quarter: QuarterKey,
): Promise<NotifyReviewResult> {
  const outcome = await mailLogged(deps, { quarter }, 'review pack', () =>
    notifyQuarterlyReview(deps, {
      quarter,
      sender: deps.config.mail.sender,
      recipients: deps.config.mail.leadership,
    }),
  );
  return { quarter, ...resultOf(outcome) };
}

export interface NotifyReviewResult extends Omit<NotifyResult, 'period'> {
  readonly quarter: string;
}

/** One e-mail of a version, under the log keys of what it is about: counted if a stored file failed its hash. */
async function mailLogged(
  deps: NotifyDependencies,
  keys: LogKeys,
  what: string,
  send: () => Promise<MailVersionOutcome>,
): Promise<MailVersionOutcome> {
  return deps.log.withRecordKeys(keys, async () => {
    const notified = await countingVerifyFailures(deps, send);
    deps.log.info(notified.kind === 'sent' ? `${what} sent` : `${what} already sent`, {
      version: notified.record.version,
      messageId: notified.messageId,
    });
    return notified;
  });
}

function resultOf(outcome: MailVersionOutcome): Omit<NotifyResult, 'period'> {
  return {
    outcome: outcome.kind,
    version: outcome.record.version,
    recipients: outcome.recipients,
    messageId: outcome.messageId,
    ...(outcome.kind === 'sent' ? { workbook: outcome.workbook } : { sentAt: outcome.sentAt }),
  };
}

/**
 * The notify function's handler: `{}` or `{ "period": "YYYY-MM" }` for a month's brief, or
 * `{ "quarter": "FY2027-Q1" }` for a quarter's review pack.
 */
export function createNotifyHandler(deps: NotifyDependencies) {
  return async (event?: unknown): Promise<NotifyResult | NotifyReviewResult> => {
    const request = parseNotifyEvent(event);
    return request.kind === 'review-pack'
      ? runNotifyReview(deps, request.quarter)
      : runNotify(deps, request.request);
  };
}
