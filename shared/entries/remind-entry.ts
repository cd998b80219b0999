import type { Dependencies } from '../composition/dependencies';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import { type RemindOfficesOutcome, remindOffices } from '../use-cases/remind-offices';

export type RemindDependencies = Pick<
  Dependencies,
  'progress' | 'history' | 'deliveries' | 'mail' | 'catalog' | 'clock' | 'config'
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
  return remindOffices(deps, {
    period: periodToRun(request, deps.clock.now(), deps.config.timeZone),
    mode: request.mode,
    settings: deps.config,
    sender: deps.config.mail.sender,
    officeContacts: deps.config.mail.officeContacts,
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
