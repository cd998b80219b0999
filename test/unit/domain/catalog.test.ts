import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../shared/domain/catalog/catalog';
import { InvalidInputError } from '../../../shared/domain/errors';

function smallCatalog() {
  return {
    id: 'test-plan',
    version: '1.0.0',
    title: 'A test plan',
    goals: [
      { id: '1', title: 'People' },
      { id: '2', title: 'Mission' },
    ],
    missionAreas: [{ id: 'border', goalId: '2', title: 'Border' }],
    objectives: [
      {
        id: '1.1',
        goalId: '1',
        title: 'Hiring',
        desiredOutcome: 'More people',
        keyActivities: [
          { id: '1.1.1', text: 'Hire' },
          { id: '1.1.2', text: 'Train' },
        ],
      },
      {
        id: '2.1',
        goalId: '2',
        missionAreaId: 'border',
        title: 'Watch',
        desiredOutcome: 'Seen',
        keyActivities: [{ id: '2.1.1', text: 'Look' }],
      },
    ],
    offices: [
      { code: 'AA', name: 'Office A' },
      { code: 'BB', name: 'Office B' },
    ],
    assignments: { '1.1.1': ['BB', 'AA'], '1.1.2': ['AA'], '2.1.1': ['BB'] },
  };
}

function problemsOf(document: unknown): string[] {
  try {
    parseCatalog(document, 'plan.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems.map((problem) => `${problem.rule}: ${problem.message}`);
  }
  throw new Error('expected the catalog to be rejected');
}

describe('parseCatalog', () => {
  it('indexes a valid catalog and orders offices as the catalog lists them', () => {
    const catalog = parseCatalog(smallCatalog());
    expect(catalog.keyActivities.map((activity) => activity.id)).toEqual(['1.1.1', '1.1.2', '2.1.1']);
    expect(catalog.keyActivity('1.1.1')?.offices).toEqual(['AA', 'BB']);
    expect(catalog.keyActivity('2.1.1')).toMatchObject({
      goalId: '2',
      objectiveId: '2.1',
      missionAreaId: 'border',
    });
    expect(catalog.activitiesOf('AA').map((activity) => activity.id)).toEqual(['1.1.1', '1.1.2']);
    expect(catalog.activitiesOf('ZZ')).toEqual([]);
    expect(Object.isFrozen(catalog.keyActivities)).toBe(true);
  });

  it('rejects a key activity with no office', () => {
    const document = smallCatalog();
    delete (document.assignments as Record<string, string[]>)['1.1.2'];
    expect(problemsOf(document)).toContain(
      'catalog.structure: key activity 1.1.2 has no office assigned: every key activity needs at least one',
    );
  });

  it('rejects assignments to unknown offices and unknown activities', () => {
    const document = smallCatalog();
    (document.assignments as Record<string, string[]>)['9.9.9'] = ['AA'];
    document.assignments['1.1.2'] = ['CC'];
    expect(problemsOf(document)).toEqual([
      'catalog.structure: key activity 1.1.2 is assigned to unknown office CC',
      'catalog.structure: assignments name unknown key activity 9.9.9',
    ]);
  });

  it('rejects activity ids out of document order and duplicate objectives', () => {
    const document = smallCatalog();
    document.objectives[0]?.keyActivities.reverse();
    document.objectives.push({ ...(document.objectives[1] as (typeof document.objectives)[number]) });
    const problems = problemsOf(document);
    expect(problems).toContain('catalog.structure: objective 2.1 is defined twice');
    expect(problems).toContain(
      'catalog.structure: key activity 1.1.2 should be 1.1.1: ids are <objective>.<n> in document order',
    );
  });

  it('rejects a mission area that belongs to another goal than its objective', () => {
    const document = smallCatalog();
    document.missionAreas[0] = { id: 'border', goalId: '1', title: 'Border' };
    expect(problemsOf(document)).toContain(
      'catalog.structure: objective 2.1 is in goal 2 but its mission area is in goal 1',
    );
  });

  it('names the JSON path of every schema problem, not only the first', () => {
    const document = smallCatalog() as Record<string, unknown>;
    document.version = 'one';
    document.offices = [{ code: 'lower', name: 'x' }];
    const problems = problemsOf(document);
    expect(problems).toContain('catalog.schema: version: a catalog version is MAJOR.MINOR.PATCH');
    expect(problems).toContain(
      'catalog.schema: offices[0].code: an office code is 2 to 10 capital letters or digits',
    );
  });

  it('rejects unknown fields instead of ignoring them', () => {
    const document = { ...smallCatalog(), colour: 'blue' };
    expect(problemsOf(document).join('\n')).toMatch(/catalog\.schema: .*colour/);
  });

  it('keeps the plan start date, and refuses one after the end date', () => {
    const dated = parseCatalog({ ...smallCatalog(), startDate: '2023-10-01', endDate: '2028-09-30' });
    expect([dated.startDate, dated.endDate]).toEqual(['2023-10-01', '2028-09-30']);
    expect(problemsOf({ ...smallCatalog(), startDate: '2029-10-01', endDate: '2028-09-30' })).toEqual([
      'catalog.structure: the plan starts on 2029-10-01, after it ends (2028-09-30)',
    ]);
  });
});
