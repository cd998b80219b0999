import { localDate } from '../reminder-schedule';
import type { QuarterlyReviewInputs } from './quarterly-review-inputs';

export const TIMELINESS = ['on time', 'late', 'not reported'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** How an office reported one month of the quarter. */
export interface OfficeMonth {
  readonly period: string;
  readonly timeliness: Timeliness;
  /** When its first accepted workbook of the month arrived (ISO instant), if one did. */
  readonly firstAcceptedAt?: string;
  /** The day the month's submissions were due. */
  readonly deadline: string;
  /** Rejected attempts before the first accepted one (all of them when none was accepted). */
  readonly rejectedBefore: number;
  /** The rules those rejected attempts broke, distinct and sorted. */
  readonly rejectedRules: readonly string[];
  /** The template version of the office's current revision of the month; null when none or not recorded. */
  readonly templateVersion: string | null;
}

/**
 * On time means the office's first accepted workbook of the month arrived on or before the day
 * submissions were due, as a date in the configured time zone (the deadline of the reminders).
 * The first acceptance is taken from the attempts log; when the log has none (a revision entered
 * another way) from the snapshot's record of the current revision.
 */
export function officeMonths(inputs: QuarterlyReviewInputs, office: string): OfficeMonth[] {
  return inputs.months.map((month) => {
    const attempts = inputs.attempts.filter(
      (attempt) => attempt.office === office && attempt.period === month.period,
    );
    const firstAccepted = attempts.find((attempt) => attempt.outcome === 'accepted');
    const input = month.content?.inputs.find((candidate) => candidate.office === office);
    const acceptedAt = firstAccepted?.receivedAt ?? input?.acceptedAt;
    const rejected = attempts.filter(
      (attempt) =>
        attempt.outcome === 'rejected' &&
        (firstAccepted === undefined || attempt.receivedAt < firstAccepted.receivedAt),
    );
    const timeliness: Timeliness =
      acceptedAt === undefined
        ? 'not reported'
        : localDate(new Date(acceptedAt), inputs.settings.timeZone) <= month.deadline
          ? 'on time'
          : 'late';
    return {
      period: month.period,
      timeliness,
      ...(acceptedAt !== undefined ? { firstAcceptedAt: acceptedAt } : {}),
      deadline: month.deadline,
      rejectedBefore: rejected.length,
      rejectedRules: [...new Set(rejected.flatMap((attempt) => attempt.rules))].sort(),
      templateVersion: input?.templateVersion ?? null,
    };
  });
}
