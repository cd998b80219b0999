/**
 * When a failed answer is tried again: 5 minutes after the first failure, doubling each time, at
 * most 6 hours apart; after the eighth failed try (about 10 hours) it is `undeliverable` and
 * waits for an operator (`strategy-report resend --undeliverable`). In the SES sandbox an answer
 * to an address that is not verified fails every time: that is what `status` then shows.
 */
export const ANSWER_MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 5 * 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** Longer than a send takes (attachments read from S3, SES call), shorter than the first retry. */
export const ANSWER_LEASE_MS = 2 * 60_000;

/** The next try after `attemptsMade` failed ones, or undefined when there is none. */
export function nextAnswerAttempt(attemptsMade: number, now: Date): Date | undefined {
  if (attemptsMade >= ANSWER_MAX_ATTEMPTS) return undefined;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attemptsMade - 1), MAX_DELAY_MS);
  return new Date(now.getTime() + delay);
}
