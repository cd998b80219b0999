import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parseNotifyEvent } from '../../../shared/domain/notify-event';

describe("the notify function's event", () => {
  it("is a month's brief ({} or a period) or a quarter's review pack", () => {
    expect(parseNotifyEvent(undefined)).toEqual({ kind: 'brief', request: {} });
    expect(parseNotifyEvent({ period: '2026-09' })).toEqual({
      kind: 'brief',
      request: { period: '2026-09' },
    });
    expect(parseNotifyEvent({ quarter: 'FY2026-Q4' })).toEqual({ kind: 'review-pack', quarter: 'FY2026-Q4' });
  });

  it('refuses a malformed quarter (rule quarter.format) and any other field, strictly', () => {
    expect(() => parseNotifyEvent({ quarter: 'FY2026-Q9' })).toThrow(
      'notify event, column quarter: "FY2026-Q9" is not a fiscal quarter: use FY<year>-Q<1-4>, e.g. FY2027-Q1 [quarter.format]',
    );
    expect(() => parseNotifyEvent({ quarter: 'FY2026-Q4', period: '2026-09' })).toThrow(InvalidInputError);
    expect(() => parseNotifyEvent({ quarter: 'FY2026-Q4', force: true })).toThrow(InvalidInputError);
  });
});
