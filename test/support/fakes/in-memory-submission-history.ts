import type { Period } from '../../../shared/domain/period';
import type { SubmissionAttempt, SubmissionHistory } from '../../../shared/ports/submission-history';

/**
 * The attempt log in memory, like DynamoDbSubmissionHistory: an attempt is recorded once (a
 * redelivery does not rewrite it), read back in time order per office or across a period.
 */
export class InMemorySubmissionHistory implements SubmissionHistory {
  private readonly byKey = new Map<string, SubmissionAttempt>();

  async record(attempt: SubmissionAttempt): Promise<void> {
    const key = `${attempt.period}#${attempt.office}#${attempt.receivedAt}#${attempt.submissionId}`;
    if (!this.byKey.has(key)) this.byKey.set(key, structuredClone(attempt));
  }

  async attempts(office: string, period: Period): Promise<SubmissionAttempt[]> {
    return this.sorted(
      (attempt) => attempt.office === office && attempt.period === period,
      (attempt) => `${attempt.receivedAt}#${attempt.submissionId}`,
    );
  }

  async attemptsInPeriod(period: Period): Promise<SubmissionAttempt[]> {
    return this.sorted(
      (attempt) => attempt.period === period,
      (attempt) => `${attempt.receivedAt}#${attempt.office}#${attempt.submissionId}`,
    );
  }

  private sorted(
    keep: (attempt: SubmissionAttempt) => boolean,
    order: (attempt: SubmissionAttempt) => string,
  ): SubmissionAttempt[] {
    return [...this.byKey.values()]
      .filter(keep)
      .sort((a, b) => order(a).localeCompare(order(b)))
      .map((attempt) => structuredClone(attempt));
  }
}
