import { describe, expect, it } from 'vitest';
import { COUNTED_STATUSES, type StatusCounts } from '../../../../shared/domain/rollup/rollup-snapshot';
import { overallStatusOf, STATUS_RULES } from '../../../../shared/domain/rollup/status-rules';

function view(counts: Partial<StatusCounts>) {
  const statusCounts = Object.fromEntries(
    COUNTED_STATUSES.map((status) => [status, counts[status] ?? 0]),
  ) as StatusCounts;
  const expected = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { statusCounts, expected };
}

describe('overall status rules (docs/status-rules.md)', () => {
  it('are tried in the documented order and the last always applies', () => {
    expect(STATUS_RULES.map((rule) => rule.id)).toEqual([
      'no-data',
      'complete',
      'off-track-share',
      'at-risk-share',
      'not-started',
      'on-track',
    ]);
  });

  it('no-data: nothing reported or carried', () => {
    expect(overallStatusOf(view({ 'Not Reported': 4 }))).toEqual({ status: 'No Data', rule: 'no-data' });
  });

  it('complete: every expected entry Complete, but not when one is missing', () => {
    expect(overallStatusOf(view({ Complete: 3 }))).toEqual({ status: 'Complete', rule: 'complete' });
    expect(overallStatusOf(view({ Complete: 3, 'Not Reported': 1 }))).toEqual({
      status: 'On Track',
      rule: 'on-track',
    });
  });

  it('off-track-share: one in five entries with data Off Track, exactly at the threshold too', () => {
    expect(overallStatusOf(view({ 'Off Track': 1, 'On Track': 4 }))).toEqual({
      status: 'Off Track',
      rule: 'off-track-share',
    });
    // Missing entries do not dilute the share: 1 of 5 with data, 10 missing.
    expect(overallStatusOf(view({ 'Off Track': 1, 'On Track': 4, 'Not Reported': 10 })).rule).toBe(
      'off-track-share',
    );
    expect(overallStatusOf(view({ 'Off Track': 1, 'On Track': 5 })).rule).toBe('on-track');
  });

  it('at-risk-share: At Risk and Off Track together reach one in five', () => {
    expect(overallStatusOf(view({ 'At Risk': 1, 'On Track': 4 }))).toEqual({
      status: 'At Risk',
      rule: 'at-risk-share',
    });
    expect(overallStatusOf(view({ 'At Risk': 1, 'Off Track': 1, 'On Track': 8 })).rule).toBe('at-risk-share');
    expect(overallStatusOf(view({ 'At Risk': 1, 'On Track': 5 })).rule).toBe('on-track');
  });

  it('not-started: every entry with data Not Started', () => {
    expect(overallStatusOf(view({ 'Not Started': 2, 'Not Reported': 1 }))).toEqual({
      status: 'Not Started',
      rule: 'not-started',
    });
  });

  it('on-track: anything else, including a mix of Not Started and Complete', () => {
    expect(overallStatusOf(view({ 'Not Started': 2, Complete: 1 }))).toEqual({
      status: 'On Track',
      rule: 'on-track',
    });
  });
});
