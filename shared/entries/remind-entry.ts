import type { Dependencies } from '../composition/dependencies';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import { type RemindOfficesOutcome, remindOffices } from '../use-cases/remind-offices';

export type RemindDependencies = Pick<
  Dependencies,
  'progress' | 'history' | 'deliveries' | 'mail' | 'catalog' | 'clock' | 'config' | 'workbooks'
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
  return remindOffices(deps, {
    period: periodToRun(request, deps.clock.now(), deps.config.timeZone),
    mode: request.mode,
    ...(request.kind ? { kind: request.kind } : {}),
    settings: deps.config,
    sender: deps.config.mail.sender,
    officeContacts: deps.config.mail.officeContacts,
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
