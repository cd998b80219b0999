import type { Dependencies } from '../../shared/composition/dependencies';
import { scheduledPeriod } from '../../shared/domain/scheduled-event';
import { notifyLeadership } from '../../shared/use-cases/notify-leadership';

export type NotifyDependencies = Pick<
  Dependencies,
  'reportIndex' | 'snapshots' | 'deliveries' | 'mail' | 'clock' | 'config'
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

/** The notify function: mails the period's latest report to config.mail.leadership, once per report version. */
export function createNotifyHandler(deps: NotifyDependencies) {
  return async (event: unknown): Promise<NotifyResult> => {
    const { period } = scheduledPeriod(event, {
      now: deps.clock.now(),
      timeZone: deps.config.timeZone,
      function: 'notify',
    });
    const outcome = await notifyLeadership(
      {
        reportIndex: deps.reportIndex,
        snapshots: deps.snapshots,
        deliveries: deps.deliveries,
        mail: deps.mail,
        clock: deps.clock,
      },
      { period, sender: deps.config.mail.sender, recipients: deps.config.mail.leadership },
    );
    return {
      period: outcome.record.period,
      outcome: outcome.kind,
      version: outcome.record.version,
      recipients: outcome.recipients,
      messageId: outcome.messageId,
      ...(outcome.kind === 'sent' ? { workbook: outcome.workbook } : { sentAt: outcome.sentAt }),
    };
  };
}
