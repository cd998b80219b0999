import { z } from 'zod';
import type { Dependencies } from '../../shared/composition/dependencies';
import { scheduledPeriod } from '../../shared/domain/scheduled-event';
import { type RemindOfficesOutcome, remindOffices } from '../../shared/use-cases/remind-offices';

export type RemindDependencies = Pick<
  Dependencies,
  'progress' | 'history' | 'deliveries' | 'mail' | 'catalog' | 'clock' | 'config' | 'workbooks'
>;

/**
 * The remind function runs daily: `{}` (the previous calendar month, whose submissions are due
 * this month) or `{ "period": "YYYY-MM" }`; it sends the open-period e-mail on the first day of the
 * submission window and reminders on reminder days. The CLI passes `"now": true` to send today
 * regardless of the day (`"open": true` for the open-period e-mail instead of a reminder).
 */
export function createRemindHandler(deps: RemindDependencies) {
  return async (event: unknown): Promise<RemindOfficesOutcome> => {
    const input = scheduledPeriod(event, {
      now: deps.clock.now(),
      timeZone: deps.config.timeZone,
      extra: { now: z.boolean().optional(), open: z.boolean().optional() },
      function: 'remind',
    });
    return remindOffices(
      {
        progress: deps.progress,
        history: deps.history,
        deliveries: deps.deliveries,
        mail: deps.mail,
        catalog: deps.catalog,
        clock: deps.clock,
        config: deps.config,
        workbooks: deps.workbooks,
      },
      {
        period: input.period,
        mode: input.now ? 'now' : 'scheduled',
        ...(input.open ? { kind: 'open' as const } : {}),
        settings: deps.config,
        sender: deps.config.mail.sender,
        officeContacts: deps.config.mail.officeContacts,
      },
    );
  };
}
