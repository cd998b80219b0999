import { z } from 'zod';
import { type InputProblem, InvalidInputError } from '../errors';
import { type CatalogFile, catalogFileSchema } from './catalog-schema';

export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}
export interface MissionArea {
  readonly id: string;
  readonly goalId: string;
  readonly title: string;
  readonly description?: string;
}
export interface KeyActivity {
  /** `<objective>.<n>`, numbered in document order, e.g. `2.5.3`. */
  readonly id: string;
  readonly objectiveId: string;
  readonly goalId: string;
  readonly missionAreaId?: string;
  readonly text: string;
  /** Offices that report on this activity, in catalog office order. */
  readonly offices: readonly string[];
}
export interface Objective {
  readonly id: string;
  readonly goalId: string;
  readonly missionAreaId?: string;
  readonly title: string;
  readonly desiredOutcome: string;
  readonly keyActivities: readonly KeyActivity[];
}
export interface Office {
  readonly code: string;
  readonly name: string;
}
export interface ValueStatement {
  readonly name: string;
  readonly description?: string;
}

/** The plan as validated, indexed data. Immutable; build it with `parseCatalog`. */
export interface Catalog {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly source?: string;
  /** The last day the plan runs to (YYYY-MM-DD), when the catalog gives one. */
  readonly endDate?: string;
  /** The organisation, mission, vision and values, when the catalog gives them. */
  readonly organization?: { readonly name: string; readonly acronym?: string };
  readonly mission?: string;
  readonly vision?: string;
  readonly values: readonly ValueStatement[];
  readonly goals: readonly Goal[];
  readonly missionAreas: readonly MissionArea[];
  readonly objectives: readonly Objective[];
  readonly keyActivities: readonly KeyActivity[];
  readonly offices: readonly Office[];
  goal(id: string): Goal | undefined;
  objective(id: string): Objective | undefined;
  missionArea(id: string): MissionArea | undefined;
  keyActivity(id: string): KeyActivity | undefined;
  office(code: string): Office | undefined;
  /** The key activities an office reports on, in catalog order. */
  activitiesOf(officeCode: string): readonly KeyActivity[];
}

/**
 * Validates a catalog document and indexes it. Every problem is collected, not just the first,
 * and each names the JSON path it is at.
 */
export function parseCatalog(document: unknown, file = 'catalog'): Catalog {
  const parsed = catalogFileSchema.safeParse(document);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        rule: 'catalog.schema',
        message: `${issue.path.length > 0 ? z.core.toDotPath(issue.path) : '(root)'}: ${issue.message}`,
        file,
      })),
    );
  }
  const data = parsed.data;
  const problems = checkStructure(data).map((message) => ({ rule: 'catalog.structure', message, file }));
  if (problems.length > 0) throw new InvalidInputError(problems satisfies InputProblem[]);
  return buildCatalog(data);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function checkStructure(data: CatalogFile): string[] {
  const problems: string[] = [];
  const goalIds = new Set(data.goals.map((goal) => goal.id));
  const areaById = new Map(data.missionAreas.map((area) => [area.id, area]));
  const officeCodes = new Set(data.offices.map((office) => office.code));
  const activityIds: string[] = [];

  for (const id of duplicates(data.goals.map((goal) => goal.id)))
    problems.push(`goal ${id} is defined twice`);
  for (const id of duplicates(data.missionAreas.map((area) => area.id)))
    problems.push(`mission area ${id} is defined twice`);
  for (const id of duplicates(data.objectives.map((objective) => objective.id)))
    problems.push(`objective ${id} is defined twice`);
  for (const code of duplicates(data.offices.map((office) => office.code)))
    problems.push(`office ${code} is defined twice`);

  for (const area of data.missionAreas) {
    if (!goalIds.has(area.goalId)) problems.push(`mission area ${area.id} names unknown goal ${area.goalId}`);
  }
  for (const objective of data.objectives) {
    if (!goalIds.has(objective.goalId))
      problems.push(`objective ${objective.id} names unknown goal ${objective.goalId}`);
    if (!objective.id.startsWith(`${objective.goalId}.`))
      problems.push(`objective ${objective.id} must be numbered under its goal ${objective.goalId}`);
    if (objective.missionAreaId !== undefined) {
      const area = areaById.get(objective.missionAreaId);
      if (!area)
        problems.push(`objective ${objective.id} names unknown mission area ${objective.missionAreaId}`);
      else if (area.goalId !== objective.goalId)
        problems.push(
          `objective ${objective.id} is in goal ${objective.goalId} but its mission area is in goal ${area.goalId}`,
        );
    }
    objective.keyActivities.forEach((activity, index) => {
      const expected = `${objective.id}.${index + 1}`;
      if (activity.id !== expected)
        problems.push(
          `key activity ${activity.id} should be ${expected}: ids are <objective>.<n> in document order`,
        );
      activityIds.push(activity.id);
    });
  }
  for (const goal of data.goals) {
    if (!data.objectives.some((objective) => objective.goalId === goal.id))
      problems.push(`goal ${goal.id} has no objectives`);
  }
  for (const area of data.missionAreas) {
    if (!data.objectives.some((objective) => objective.missionAreaId === area.id))
      problems.push(`mission area ${area.id} has no objectives`);
  }

  const known = new Set(activityIds);
  for (const [activityId, offices] of Object.entries(data.assignments)) {
    if (!known.has(activityId)) problems.push(`assignments name unknown key activity ${activityId}`);
    for (const code of offices) {
      if (!officeCodes.has(code))
        problems.push(`key activity ${activityId} is assigned to unknown office ${code}`);
    }
    for (const code of duplicates(offices))
      problems.push(`key activity ${activityId} lists office ${code} twice`);
  }
  for (const activityId of activityIds) {
    if ((data.assignments[activityId] ?? []).length === 0)
      problems.push(
        `key activity ${activityId} has no office assigned: every key activity needs at least one`,
      );
  }
  return problems;
}

function buildCatalog(data: CatalogFile): Catalog {
  const officeOrder = new Map(data.offices.map((office, index) => [office.code, index]));
  const keyActivities: KeyActivity[] = [];
  const objectives: Objective[] = data.objectives.map((objective) => {
    const activities = objective.keyActivities.map((activity) => {
      const offices = [...(data.assignments[activity.id] ?? [])].sort(
        (a, b) => (officeOrder.get(a) ?? 0) - (officeOrder.get(b) ?? 0),
      );
      const built: KeyActivity = Object.freeze({
        id: activity.id,
        objectiveId: objective.id,
        goalId: objective.goalId,
        ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
        text: activity.text,
        offices: Object.freeze(offices),
      });
      keyActivities.push(built);
      return built;
    });
    return Object.freeze({
      id: objective.id,
      goalId: objective.goalId,
      ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
      title: objective.title,
      desiredOutcome: objective.desiredOutcome,
      keyActivities: Object.freeze(activities),
    });
  });

  const goals = Object.freeze(data.goals.map((goal) => Object.freeze({ ...goal })));
  const missionAreas = Object.freeze(data.missionAreas.map((area) => Object.freeze({ ...area })));
  const offices = Object.freeze(data.offices.map((office) => Object.freeze({ ...office })));
  const byId = <T extends { id: string }>(items: readonly T[]) =>
    new Map(items.map((item) => [item.id, item]));
  const goalIndex = byId(goals);
  const objectiveIndex = byId(objectives);
  const areaIndex = byId(missionAreas);
  const activityIndex = byId(keyActivities);
  const officeIndex = new Map(offices.map((office) => [office.code, office]));
  const activitiesByOffice = new Map(
    offices.map((office) => [
      office.code,
      Object.freeze(keyActivities.filter((activity) => activity.offices.includes(office.code))),
    ]),
  );

  return Object.freeze({
    id: data.id,
    version: data.version,
    title: data.title,
    ...(data.source !== undefined ? { source: data.source } : {}),
    ...(data.endDate !== undefined ? { endDate: data.endDate } : {}),
    ...(data.organization !== undefined ? { organization: Object.freeze({ ...data.organization }) } : {}),
    ...(data.mission !== undefined ? { mission: data.mission } : {}),
    ...(data.vision !== undefined ? { vision: data.vision } : {}),
    values: Object.freeze((data.values ?? []).map((value) => Object.freeze({ ...value }))),
    goals,
    missionAreas,
    objectives: Object.freeze(objectives),
    keyActivities: Object.freeze(keyActivities),
    offices,
    goal: (id: string) => goalIndex.get(id),
    objective: (id: string) => objectiveIndex.get(id),
    missionArea: (id: string) => areaIndex.get(id),
    keyActivity: (id: string) => activityIndex.get(id),
    office: (code: string) => officeIndex.get(code),
    activitiesOf: (code: string) => activitiesByOffice.get(code) ?? [],
  });
}
