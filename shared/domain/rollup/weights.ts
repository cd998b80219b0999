import type { Catalog } from '../catalog/catalog';
import { InvalidInputError } from '../errors';

/**
 * Weights of the weighted percent complete (docs/status-rules.md, "Percent complete"). Every
 * weight defaults to 1: equal per key activity within an objective, equal per objective within
 * a goal or mission area, equal per goal for the agency. An override names an id of the
 * catalog and gives a positive finite number.
 */
export interface WeightOverrides {
  readonly goals?: Readonly<Record<string, number>>;
  readonly objectives?: Readonly<Record<string, number>>;
  readonly keyActivities?: Readonly<Record<string, number>>;
}

export interface Weights {
  goal(id: string): number;
  objective(id: string): number;
  keyActivity(id: string): number;
  /** The overrides as given (validated), for the snapshot's record of its rules. */
  readonly overrides: {
    readonly goals: Readonly<Record<string, number>>;
    readonly objectives: Readonly<Record<string, number>>;
    readonly keyActivities: Readonly<Record<string, number>>;
  };
}

const LEVELS = [
  { key: 'goals', noun: 'goal' },
  { key: 'objectives', noun: 'objective' },
  { key: 'keyActivities', noun: 'key activity' },
] as const;

/** Validates the overrides against the catalog: a typo in an id must not silently weigh nothing. */
export function resolveWeights(catalog: Catalog, overrides: WeightOverrides = {}): Weights {
  const known = {
    goals: (id: string) => catalog.goal(id) !== undefined,
    objectives: (id: string) => catalog.objective(id) !== undefined,
    keyActivities: (id: string) => catalog.keyActivity(id) !== undefined,
  };
  const problems: string[] = [];
  const resolved = { goals: {}, objectives: {}, keyActivities: {} } as Record<
    (typeof LEVELS)[number]['key'],
    Record<string, number>
  >;
  for (const { key, noun } of LEVELS) {
    for (const id of Object.keys(overrides[key] ?? {}).sort()) {
      const weight = overrides[key]?.[id] as number;
      if (!known[key](id)) problems.push(`weights name unknown ${noun} ${id}`);
      else if (!Number.isFinite(weight) || weight <= 0)
        problems.push(`the weight of ${noun} ${id} must be a positive number, not ${weight}`);
      else resolved[key][id] = weight;
    }
  }
  if (problems.length > 0)
    throw new InvalidInputError(problems.map((message) => ({ rule: 'rollup.weights', message })));
  return {
    goal: (id) => resolved.goals[id] ?? 1,
    objective: (id) => resolved.objectives[id] ?? 1,
    keyActivity: (id) => resolved.keyActivities[id] ?? 1,
    overrides: resolved,
  };
}

/**
 * Σ weight × value ÷ Σ weight over the parts that have a value. Parts without data are left out
 * rather than counted as 0: percent complete says how far the reported work is, completeness
 * says how much was reported. Null when no part has a value.
 */
export function weightedMean(parts: readonly { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const part of parts) {
    if (part.value === null) continue;
    sum += part.weight * part.value;
    weights += part.weight;
  }
  return weights > 0 ? sum / weights : null;
}
