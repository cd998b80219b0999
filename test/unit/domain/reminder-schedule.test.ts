import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { daysBetween, localDate, reminderSchedule } from '../../../shared/domain/reminder-schedule';

const settings = { timeZone: 'America/New_York', submissionDeadlineDay: 10, reminderDaysBefore: 3 };

describe('the reminder schedule', () => {
  it('opens the period on the 1st of the following month, puts the deadline on the configured day and reminds N days before and on it', () => {
    expect(reminderSchedule(parsePeriod('2026-10'), settings)).toEqual({
      period: '2026-10',
      openDate: '2026-11-01',
      deadline: '2026-11-10',
      reminderDates: ['2026-11-07', '2026-11-10'],
    });
  });

  it('crosses month and year ends', () => {
    expect(reminderSchedule(parsePeriod('2026-12'), { ...settings, submissionDeadlineDay: 2 })).toMatchObject(
      {
        deadline: '2027-01-02',
        reminderDates: ['2026-12-30', '2027-01-02'],
      },
    );
    expect(
      reminderSchedule(parsePeriod('2028-01'), {
        ...settings,
        submissionDeadlineDay: 1,
        reminderDaysBefore: 1,
      }),
    ).toMatchObject({ deadline: '2028-02-01', reminderDates: ['2028-01-31', '2028-02-01'] });
  });

  it('reads the date in the configured time zone', () => {
    const instant = new Date('2026-11-07T03:30:00Z');
    expect(localDate(instant, 'America/New_York')).toBe('2026-11-06');
    expect(localDate(instant, 'UTC')).toBe('2026-11-07');
    expect(localDate(instant, 'Pacific/Guam')).toBe('2026-11-07');
    expect(daysBetween('2026-11-07', '2026-11-10')).toBe(3);
  });
});
