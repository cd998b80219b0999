import { describe, expect, it } from 'vitest';
import { temporaryDataDirectory } from '../support/local-runtime';
import { runBin } from '../support/run-bin';

describe('the strategy-report executable', () => {
  it('lists 4 goals, 4 mission areas, 15 objectives and 56 key activities, each with an office', () => {
    const result = runBin(['catalog', '--json']);
    expect(result.status).toBe(0);
    const view = JSON.parse(result.stdout);
    const objectives = view.goals.flatMap(
      (goal: { objectives: unknown[]; missionAreas: { objectives: unknown[] }[] }) => [
        ...goal.objectives,
        ...goal.missionAreas.flatMap((area) => area.objectives),
      ],
    );
    const activities = objectives.flatMap(
      (objective: { keyActivities: { offices: string[] }[] }) => objective.keyActivities,
    );
    expect(view.goals).toHaveLength(4);
    expect(view.goals.flatMap((goal: { missionAreas: unknown[] }) => goal.missionAreas)).toHaveLength(4);
    expect(objectives).toHaveLength(15);
    expect(activities).toHaveLength(56);
    expect(activities.every((activity: { offices: string[] }) => activity.offices.length >= 1)).toBe(true);
  });

  it('creates the local stores once and finds them on the next run', () => {
    const dataDir = temporaryDataDirectory('cli');
    const first = runBin(['--data-dir', dataDir, 'local', '--json']);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).created).toHaveLength(3);
    const second = runBin(['local', '--json', '--data-dir', dataDir]);
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: [], table: 'strategy-report' });
    expect(second.stderr).toBe('');
  });
});
