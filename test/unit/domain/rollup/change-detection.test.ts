import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../../shared/domain/progress';
import { entryMovement, movementOf, percentDelta } from '../../../../shared/domain/rollup/change-detection';
import { statusCodeOf } from '../../../../shared/domain/rollup/status-code';
import { rollup, rollupAfter, row, submission } from '../../../support/rollup-fixtures';

describe('change since the previous period (docs/status-rules.md)', () => {
  it('new: nothing to compare with', () => {
    expect(movementOf(null, 'On Track')).toBe('new');
    expect(movementOf(undefined, 'At Risk')).toBe('new');
    expect(movementOf('No Data', 'On Track')).toBe('new');
  });

  it('unchanged: the same status', () => {
    expect(movementOf('At Risk', 'At Risk')).toBe('unchanged');
    expect(movementOf('No Data', 'No Data')).toBe('new');
  });

  it('completed: now Complete, from anything', () => {
    expect(movementOf('On Track', 'Complete')).toBe('completed');
    expect(movementOf('Off Track', 'Complete')).toBe('completed');
  });

  it('newly-at-risk: now At Risk or Off Track, and was neither', () => {
    expect(movementOf('On Track', 'At Risk')).toBe('newly-at-risk');
    expect(movementOf('Complete', 'Off Track')).toBe('newly-at-risk');
  });

  it('recovered: was At Risk or Off Track, now neither', () => {
    expect(movementOf('At Risk', 'On Track')).toBe('recovered');
    expect(movementOf('Off Track', 'Not Started')).toBe('recovered');
  });

  it('improved / worsened: by standing otherwise; losing all data is worsened', () => {
    expect(movementOf('Off Track', 'At Risk')).toBe('improved');
    expect(movementOf('At Risk', 'Off Track')).toBe('worsened');
    expect(movementOf('Not Started', 'On Track')).toBe('improved');
    expect(movementOf('Complete', 'On Track')).toBe('worsened');
    expect(movementOf('At Risk', 'No Data')).toBe('worsened');
    expect(movementOf('On Track', 'No Data')).toBe('worsened');
  });

  it('percent delta needs both sides', () => {
    expect(percentDelta(40, 55.5)).toBe(15.5);
    expect(percentDelta(null, 10)).toBeNull();
    expect(percentDelta(10, null)).toBeNull();
  });

  it('lists entry moves and level changes against the previous snapshot', () => {
    const september = rollup('2026-09', [
      submission('OFA', '2026-09', [
        row('1.1.1', { percentComplete: 40 }),
        row('1.1.2', { status: 'At Risk', risksAndIssues: 'late', percentComplete: 40 }),
        row('2.1.1', { percentComplete: 40 }),
        row('2.2.1', { percentComplete: 90 }),
      ]),
    ]);
    expect(september.changes.statusMoves).toEqual([]);
    expect(september.agency.change).toEqual({
      previousStatus: null,
      previousPercentComplete: null,
      percentDelta: null,
      movement: 'new',
    });
    const october = rollupAfter(september, '2026-10', [
      submission('OFA', '2026-10', [
        row('1.1.1', { status: 'Off Track', risksAndIssues: 'blocked', percentComplete: 40 }),
        row('1.1.2', { percentComplete: 50 }),
        row('2.1.1', { percentComplete: 45 }),
        row('2.2.1', { status: 'Complete', percentComplete: 100 }),
      ]),
      submission('OFB', '2026-10', [row('1.2.1')]),
    ]);
    expect(october.changes.statusMoves).toEqual([
      { office: 'OFA', activityId: '1.1.1', from: 'On Track', to: 'Off Track', movement: 'newly-at-risk' },
      { office: 'OFA', activityId: '1.1.2', from: 'At Risk', to: 'On Track', movement: 'recovered' },
      { office: 'OFA', activityId: '2.2.1', from: 'On Track', to: 'Complete', movement: 'completed' },
      { office: 'OFB', activityId: '1.2.1', from: null, to: 'On Track', movement: 'new' },
    ]);
    const objective22 = october.objectives.find((objective) => objective.id === '2.2');
    expect(objective22?.change).toEqual({
      previousStatus: 'On Track',
      previousPercentComplete: 90,
      percentDelta: 10,
      movement: 'unchanged',
    });
    // 2.2.1 is Complete for OFA but OFC never reported it, so objective 2.2 is not Complete.
    expect(objective22?.status).toBe('On Track');
    const activity111 = october.keyActivities.find((activity) => activity.id === '1.1.1');
    expect(activity111?.change.movement).toBe('newly-at-risk');
    expect(october.keyActivities.find((activity) => activity.id === '1.2.1')?.change).toMatchObject({
      previousStatus: 'No Data',
      movement: 'new',
    });
  });

  it('an entry’s movement on status codes is movementOf, for every pair of statuses', () => {
    for (const to of STATUSES) {
      expect(statusCodeOf(to)).toBe(STATUSES.indexOf(to));
      expect(entryMovement(0, statusCodeOf(to))).toBe(movementOf(null, to));
      for (const from of STATUSES)
        expect(entryMovement(statusCodeOf(from) + 1, statusCodeOf(to))).toBe(movementOf(from, to));
    }
    expect(statusCodeOf('Done')).toBe(-1);
  });
});
