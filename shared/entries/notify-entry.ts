import type { Dependencies } from '../composition/dependencies';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import { notifyLeadership } from '../use-cases/notify-leadership';
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
  const outcome = await deps.log.withRecordKeys({ period }, async () => {
    const notified = await countingVerifyFailures(deps, () =>
      notifyLeadership(deps, {
        period,
        sender: deps.config.mail.sender,
        recipients: deps.config.mail.leadership,
      }),
    );
    deps.log.info(notified.kind === 'sent' ? 'leadership brief sent' : 'leadership brief already sent', {
      version: notified.record.version,
      messageId: notified.messageId,
    });
    return notified;
  });
  return {
    period: outcome.record.period,
    outcome: outcome.kind,
    version: outcome.record.version,
    recipients: outcome.recipients,
    messageId: outcome.messageId,
    ...(outcome.kind === 'sent' ? { workbook: outcome.workbook } : { sentAt: outcome.sentAt }),
  };
}

/** The notify function's handler: `{}` or `{ "period": "YYYY-MM" }`. */
export function createNotifyHandler(deps: NotifyDependencies) {
  return async (event?: unknown): Promise<NotifyResult> =>
    runNotify(deps, parseScheduledEvent(event, 'notify'));
}
