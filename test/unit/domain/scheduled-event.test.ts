import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parseScheduledEvent, periodToRun } from '../../../shared/domain/scheduled-event';

const now = new Date('2026-11-01T02:00:00Z');

function problemsOf(event: unknown, functionName = 'notify') {
  try {
    parseScheduledEvent(event, functionName);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems;
  }
  throw new Error('expected the event to be refused');
}

describe('the event every scheduled function accepts', () => {
  it('is {} (or nothing) or a period', () => {
    expect(parseScheduledEvent({}, 'rollup')).toEqual({});
    expect(parseScheduledEvent(undefined, 'rollup')).toEqual({});
    expect(parseScheduledEvent(null, 'rollup')).toEqual({});
    expect(parseScheduledEvent({ period: '2025-03' }, 'render')).toEqual({ period: '2025-03' });
  });

  it('runs on the previous calendar month in the configured time zone when no period is asked for', () => {
    // 2026-11-01T02:00Z is still 31 October in New York: the previous month there is September.
    expect(periodToRun({}, now, 'America/New_York')).toBe('2026-09');
    expect(periodToRun({}, now, 'UTC')).toBe('2026-10');
    expect(periodToRun({ period: '2025-03' as never }, now, 'UTC')).toBe('2025-03');
  });

  it('refuses a flag meant for the command line, naming it and the function', () => {
    for (const [event, field] of [
      [{ period: '2026-10', force: true }, '"force"'],
      [{ now: true }, '"now"'],
    ] as const) {
      const [problem] = problemsOf(event, 'render');
      expect(problem).toMatchObject({ rule: 'event.schema', file: 'render event' });
      expect(problem?.message).toBe(`unknown field ${field}: the event must be {} or {"period": "YYYY-MM"}`);
    }
    expect(problemsOf({ force: true, now: true })[0]?.message).toMatch(/^unknown fields "force", "now":/);
  });

  it('refuses a period that is not a string or not a month, and an event that is not an object', () => {
    expect(problemsOf({ period: 202610 })[0]).toMatchObject({
      rule: 'event.schema',
      message: expect.stringMatching(/^period: .*expected string.*; the event must be/),
    });
    expect(problemsOf('2026-10')[0]?.message).toMatch(/^\(event\): .*expected object/);
    expect(() => parseScheduledEvent({ period: '2026-13' }, 'notify')).toThrow(
      /notify event, column period: "2026-13" is not a reporting period.*\[period\.format\]/,
    );
  });
});
