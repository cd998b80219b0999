import type { Dependencies } from '../composition/dependencies';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import { type RemindOfficesOutcome, remindOffices } from '../use-cases/remind-offices';

export type RemindDependencies = Pick<
  Dependencies,
  'progress' | 'history' | 'deliveries' | 'mail' | 'catalog' | 'clock' | 'config' | 'workbooks' | 'log'
>;

export interface RemindRequest extends ScheduledRequest {
  /**
   * `scheduled`: the daily function: the open-period e-mail on the window's first day, reminders
   * on reminder days. `now`: today, whatever the day (the CLI).
   */
  readonly mode: 'scheduled' | 'now';
  /** With mode `now`: the open-period e-mail instead of a reminder. */
  readonly kind?: 'open' | 'reminder';
}

/** Mails the offices that have not submitted for the requested period (default: last month) their workbook. */
export async function runRemind(
  deps: RemindDependencies,
  request: RemindRequest,
): Promise<RemindOfficesOutcome> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  return deps.log.withRecordKeys({ period }, async () => {
    const outcome = await remindOffices(deps, {
      period,
      mode: request.mode,
      ...(request.kind ? { kind: request.kind } : {}),
      settings: deps.config,
      sender: deps.config.mail.sender,
      officeContacts: deps.config.mail.officeContacts,
    });
    const acted = outcome.reminderDay || request.mode === 'now';
    deps.log.info(acted ? 'offices mailed their workbook' : 'neither the open day nor a reminder day', {
      today: outcome.today,
      openDate: outcome.openDate,
      deadline: outcome.deadline,
      mailed: outcome.reminded.length,
      alreadyMailed: outcome.alreadyReminded.length,
    });
    // Offices that were due an e-mail and could not get one: someone must configure an address.
    if (outcome.noContact.length > 0)
      deps.log.warn('offices without a contact address were not mailed: configure mail.officeContacts', {
        offices: outcome.noContact,
      });
    return outcome;
  });
}

/**
 * The remind function's handler, run daily: `{}` (the previous calendar month, whose submissions
 * are due this month) or `{ "period": "YYYY-MM" }`; it sends the open-period e-mail on the first day
 * of the submission window and reminders on reminder days, nothing otherwise.
 */
export function createRemindHandler(deps: RemindDependencies) {
  return async (event?: unknown): Promise<RemindOfficesOutcome> =>
    runRemind(deps, { ...parseScheduledEvent(event, 'remind'), mode: 'scheduled' });
}
