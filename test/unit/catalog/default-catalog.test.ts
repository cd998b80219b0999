import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import { normalizeText, readSeed, sharedSeedIfPresent } from '../../support/seed-text';

describe('the default catalog, checked against the strategy document', () => {
  const catalog = defaultCatalog();
  const seed = normalizeText(readSeed());

  it('has 4 goals, 4 mission areas, 15 objectives, 56 key activities and the six offices', () => {
    expect(catalog.id).toBe('cbp-strategy-2024-2028');
    expect(catalog.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(catalog.goals.map((goal) => goal.id)).toEqual(['1', '2', '3', '4']);
    expect(catalog.missionAreas).toHaveLength(4);
    expect(catalog.objectives).toHaveLength(15);
    expect(catalog.keyActivities).toHaveLength(56);
    expect(catalog.offices.map((office) => office.code)).toEqual(['OFO', 'USBP', 'AMO', 'OT', 'OS', 'ES']);
  });

  it('puts goal 2 objectives in the four mission areas the document names', () => {
    const areaOf = (id: string) => catalog.objective(id)?.missionAreaId;
    expect(['2.1', '2.2'].map(areaOf)).toEqual(['border', 'border']);
    expect(['2.3', '2.4'].map(areaOf)).toEqual(['national-security', 'national-security']);
    expect(['2.5', '2.6'].map(areaOf)).toEqual(['trade', 'trade']);
    expect(['2.7', '2.8'].map(areaOf)).toEqual(['travel', 'travel']);
    expect(
      catalog.objectives
        .filter((objective) => objective.goalId !== '2')
        .every((o) => o.missionAreaId === undefined),
    ).toBe(true);
  });

  it('has the number of key activities per objective that the document lists', () => {
    const counts = Object.fromEntries(
      catalog.objectives.map((objective) => [objective.id, objective.keyActivities.length]),
    );
    expect(counts).toEqual({
      '1.1': 4,
      '1.2': 4,
      '1.3': 5,
      '2.1': 4,
      '2.2': 3,
      '2.3': 3,
      '2.4': 4,
      '2.5': 5,
      '2.6': 4,
      '2.7': 3,
      '2.8': 3,
      '3.1': 5,
      '3.2': 3,
      '3.3': 2,
      '4.1': 4,
    });
  });

  it.each(defaultCatalog().keyActivities.map((activity) => [activity.id, activity.text]))(
    'key activity %s appears word for word in the document',
    (_id, text) => {
      expect(seed).toContain(normalizeText(text));
    },
  );

  it('numbers key activities <objective>.<n> in document order', () => {
    let lastIndex = -1;
    for (const objective of catalog.objectives) {
      objective.keyActivities.forEach((activity, index) => {
        expect(activity.id).toBe(`${objective.id}.${index + 1}`);
        const at = seed.indexOf(normalizeText(activity.text));
        expect(at, `${activity.id} comes after the previous activity`).toBeGreaterThan(lastIndex);
        lastIndex = at;
      });
    }
  });

  it('takes every title, desired outcome and office name from the document', () => {
    for (const goal of catalog.goals) expect(seed).toContain(normalizeText(goal.title));
    for (const area of catalog.missionAreas) {
      expect(seed).toContain(normalizeText(area.title));
      expect(seed).toContain(normalizeText(area.description ?? ''));
    }
    for (const objective of catalog.objectives) {
      expect(seed).toContain(normalizeText(objective.title));
      expect(seed).toContain(normalizeText(objective.desiredOutcome));
    }
    for (const office of catalog.offices) expect(seed).toContain(`(${office.code})`);
  });

  it('assigns every key activity to at least one office, and every office to some', () => {
    for (const activity of catalog.keyActivities) expect(activity.offices.length).toBeGreaterThan(0);
    for (const office of catalog.offices) expect(catalog.activitiesOf(office.code).length).toBeGreaterThan(0);
    expect(catalog.activitiesOf('OT').map((activity) => activity.objectiveId)).toContain('2.6');
    expect(catalog.keyActivity('2.7.1')?.offices).toEqual(['OFO']);
  });

  it('is extracted from the same document as the one provided beside the repository', () => {
    const shared = sharedSeedIfPresent();
    // A fresh clone elsewhere has no ../shared; then the committed copy is the source.
    if (shared !== undefined) expect(shared).toBe(readSeed());
    expect(readSeed().length).toBeGreaterThan(50_000);
  });
});
