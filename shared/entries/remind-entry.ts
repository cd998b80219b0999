import type { Dependencies } from '../composition/dependencies';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import { type RemindOfficesOutcome, remindOffices } from '../use-cases/remind-offices';

export type RemindDependencies = Pick<
  Dependencies,
  'progress' | 'history' | 'deliveries' | 'mail' | 'catalog' | 'clock' | 'config' | 'log'
>;

export interface RemindRequest extends ScheduledRequest {
  /** `scheduled`: only on a reminder day (the daily function). `now`: today, whatever the day (the CLI). */
  readonly mode: 'scheduled' | 'now';
}

/** Reminds the offices that have not submitted for the requested period (default: last month). */
export async function runRemind(
  deps: RemindDependencies,
  request: RemindRequest,
): Promise<RemindOfficesOutcome> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  return deps.log.withRecordKeys({ period }, async () => {
    const outcome = await remindOffices(deps, {
      period,
      mode: request.mode,
      settings: deps.config,
      sender: deps.config.mail.sender,
      officeContacts: deps.config.mail.officeContacts,
    });
    deps.log.info(outcome.reminderDay || request.mode === 'now' ? 'reminders sent' : 'not a reminder day', {
      today: outcome.today,
      deadline: outcome.deadline,
      reminded: outcome.reminded.length,
      alreadyReminded: outcome.alreadyReminded.length,
    });
    // Offices that were due a reminder and could not get one: someone must configure an address.
    if (outcome.noContact.length > 0)
      deps.log.warn('offices without a contact address were not reminded: configure mail.officeContacts', {
        offices: outcome.noContact,
      });
    return outcome;
  });
}

/**
 * The remind function's handler, run daily: `{}` (the previous calendar month, whose submissions
 * are due this month) or `{ "period": "YYYY-MM" }`; it sends only on a reminder day.
 */
export function createRemindHandler(deps: RemindDependencies) {
  return async (event?: unknown): Promise<RemindOfficesOutcome> =>
    runRemind(deps, { ...parseScheduledEvent(event, 'remind'), mode: 'scheduled' });
}
