import { z } from 'zod';
import type { Dependencies } from '../composition/dependencies';
import { InvalidInputError } from '../domain/errors';
import type { Log } from '../ports/log';
import { type ResendOutcome, resendAnswers } from '../use-cases/deliver-answer';

export type ResendDependencies = Pick<Dependencies, 'answers' | 'mail' | 'uploads' | 'clock' | 'log'>;

/** `{}` from the schedule; the CLI may add `"undeliverable": true` to retry answers given up on. */
const resendEventSchema = z.object({ undeliverable: z.boolean().optional() }).strict();

/**
 * The resend function runs every few minutes: every answer whose send failed and whose next try
 * has come is sent again from its record (the ingest is not run again for it).
 */
export function createResendHandler(deps: ResendDependencies, options: { readonly log?: Log } = {}) {
  const log = options.log ?? deps.log;
  return async (event: unknown): Promise<ResendOutcome> => {
    const parsed = resendEventSchema.safeParse(event ?? {});
    if (!parsed.success)
      throw new InvalidInputError({
        rule: 'event.schema',
        message: `(event): ${parsed.error.issues[0]?.message ?? 'not {}'}`,
        file: 'resend event',
      });
    const outcome = await resendAnswers(
      { ...deps, log },
      parsed.data.undeliverable ? { undeliverable: true } : {},
    );
    const count = (result: string) => outcome.tried.filter((each) => each.result === result).length;
    log.info('answers resent', {
      tried: outcome.tried.length,
      sent: count('sent'),
      failed: count('failed'),
      undeliverable: count('undeliverable'),
      stillUndelivered: outcome.undelivered.length,
    });
    return outcome;
  };
}
