import { canonicalJson } from '../canonical-json';
import { CATALOG_TEXT_MAX, type CatalogFile } from '../catalog/catalog-schema';
import { InvalidInputError } from '../errors';
import { sha256Hex } from '../sha256';
import {
  numberOfIdentifier,
  PERCENT_COMPLETE,
  PERFORMER,
  parseCatalogIdentifier,
  parseMissionAreaNote,
  parseOfficeStakeholderName,
  parseSourceNote,
} from './stratml-conventions';
import type {
  Goal,
  Objective,
  Organization,
  PerformanceIndicator,
  Stakeholder,
  StratmlDocument,
  StratmlWarning,
} from './stratml-document';

/** A catalog title built from a longer text is cut at a word near this length. */
const TITLE_FROM_TEXT = 120;
const ORGANIZATION_ACRONYM_MAX = 40;

export interface StratmlCatalog {
  /** The catalog file (docs/catalog.md) the document maps to; `parseCatalog` checks and indexes it. */
  readonly catalog: CatalogFile;
  readonly warnings: readonly StratmlWarning[];
}

interface Where {
  readonly path?: string;
  readonly line?: number;
}

type Assignments = Record<string, string[]>;

/**
 * Maps a StratML document to the catalog, as docs/stratml.md describes: organisation, mission,
 * vision and values; goals → goals; objectives → objectives; each objective's performance
 * indicators (or, when it has none, the objective itself) → its key activities; stakeholders
 * with the role Performer → offices, assigned from the indicator, else the objective, else the
 * goal, else the organisation. Ids come from SequenceIndicator (or this product's Identifier
 * convention) where they can, else from position; mission areas only from this product's own
 * convention (StratML has none).
 *
 * Every deviation it tolerates is a warning with its element path. It refuses (InvalidInputError,
 * nothing returned) only when no plan can be built: no goal with an objective, or two elements
 * claiming the same id once normalised.
 */
export function stratmlToCatalog(document: StratmlDocument, file: string): StratmlCatalog {
  const warnings: StratmlWarning[] = [];
  const mapping = catalogMapping(warnings, file);
  const rootWhere: Where = {
    path: document.path ?? '/',
    ...(document.line !== undefined ? { line: document.line } : {}),
  };

  if (document.type === 'Performance_Report')
    mapping.warn(rootWhere, 'a Performance_Report: its plan is read, its measurements are not');
  if (document.goals.length === 0)
    mapping.refuse('no-goals', 'the document has no <Goal>: a plan needs at least one');

  // 1. Offices: every stakeholder with the role Performer, organisation level first.
  const organization =
    document.organizations.find((entry) => entry.name !== undefined) ?? document.organizations[0];
  const organizationPerformers = mapping.offices.performersOf(
    document.organizations.flatMap((entry) => entry.stakeholders),
  );

  // 2. Goals, each numbered from its SequenceIndicator (or Identifier) or else by position, with
  // their objectives and key activities.
  const goalNumbers = numberSiblings(
    document.goals.map((goal) => ({ where: goal, number: sequenceOf(goal, [], mapping.warn, 'goal') })),
    (number, first, second) =>
      mapping.refuse(
        'duplicate-id',
        `goal ${number} is numbered twice: ${first.path ?? '?'} and ${second.path ?? '?'}`,
      ),
  );
  const plan: PlanParts = {
    goals: [],
    objectives: [],
    missionAreas: new Map(),
    assignments: {},
    unassigned: 0,
    organizationPerformers,
    fallbackOffice: () => mapping.offices.organizationOffice(organization, document),
  };
  document.goals.forEach((goal, goalIndex) => {
    mapGoal(goal, String(goalNumbers[goalIndex]), mapping, plan);
  });
  if (plan.goals.length === 0)
    mapping.refuse('no-goals', 'no <Goal> in the document has an objective: there is nothing to track');
  if (plan.unassigned > 0) warnUnassigned(plan, mapping, rootWhere);

  // 3. The plan itself: who, what, when, and an id and version.
  const body = {
    ...planHeader(document, organization, mapping, rootWhere),
    goals: plan.goals,
    missionAreas: [...plan.missionAreas.values()],
    objectives: plan.objectives,
    offices: mapping.offices.all(),
    assignments: plan.assignments,
  };
  const identity = parseCatalogIdentifier(document.administrativeInformation?.identifier) ?? {
    id: slug(body.title),
    // Derived from the content: a changed document is a new version, so templates made from
    // the old one are refused rather than read against the wrong plan.
    version: `1.0.${Number.parseInt(sha256Hex(canonicalJson(body)).slice(0, 7), 16)}`,
  };
  return { catalog: { id: identity.id, version: identity.version, ...body }, warnings };
}

/** How the mapping reports what it tolerates and refuses, and the offices it has found so far. */
interface CatalogMapping {
  readonly warn: (where: Where, message: string) => void;
  readonly refuse: (rule: string, message: string) => never;
  /** The text cut to the catalog's limit (with a warning), or undefined when there is none. */
  readonly within: (value: string | undefined, where: Where, what: string) => string | undefined;
  readonly offices: OfficeRegistry;
}

function catalogMapping(warnings: StratmlWarning[], file: string): CatalogMapping {
  const warn = (where: Where, message: string) => {
    warnings.push({
      path: where.path ?? '/',
      ...(where.line !== undefined ? { line: where.line } : {}),
      message,
    });
  };
  const refuse = (rule: string, message: string): never => {
    throw new InvalidInputError({ rule: `stratml.${rule}`, message, file });
  };
  const within = (value: string | undefined, where: Where, what: string) =>
    value === undefined
      ? undefined
      : fitText(value, () =>
          warn(where, `${what} is ${value.length} characters, over the catalog's ${CATALOG_TEXT_MAX}: cut`),
        );
  return { warn, refuse, within, offices: new OfficeRegistry(refuse, warn) };
}

/** The catalog's goals, objectives and assignments as they are built, goal by goal. */
interface PlanParts {
  readonly goals: CatalogFile['goals'];
  readonly objectives: CatalogFile['objectives'];
  readonly missionAreas: Map<string, NonNullable<CatalogFile['missionAreas']>[number]>;
  readonly assignments: Assignments;
  /** Key activities no Performer is named for: assigned to the organisation itself. */
  unassigned: number;
  readonly organizationPerformers: readonly string[];
  /** The organisation as an office, registered only when a key activity needs it. */
  readonly fallbackOffice: () => string;
}

/** A title from the Name, else from the Description, else a fallback, saying which. */
function titleOf(
  element: Goal | Objective,
  label: string,
  fallback: string,
  mapping: CatalogMapping,
): string {
  const name = mapping.within(element.name, element, `the ${label.split(' ')[0]} name`);
  if (name !== undefined) return name;
  if (element.description !== undefined) {
    mapping.warn(element, `${label} has no Name: titled from its Description`);
    return shortTitle(element.description);
  }
  mapping.warn(element, `${label} has no Name or Description: titled "${fallback}"`);
  return fallback;
}

/** One goal with its objectives; a goal none of whose objectives has content is left out. */
function mapGoal(goal: Goal, goalId: string, mapping: CatalogMapping, plan: PlanParts): void {
  const goalPerformers = mapping.offices.performersOf(goal.stakeholders);
  const kept = goal.objectives.filter((objective) => {
    if (
      objective.name !== undefined ||
      objective.description !== undefined ||
      objective.indicators.length > 0
    )
      return true;
    mapping.warn(objective, 'the objective has no Name, Description or PerformanceIndicator: left out');
    return false;
  });
  if (kept.length === 0) {
    mapping.warn(
      goal,
      `goal ${goalId} has no objectives: left out of the plan (a goal is tracked through its objectives)`,
    );
    return;
  }
  const title = titleOf(goal, `goal ${goalId}`, `Goal ${goalId}`, mapping);
  const goalDescription = mapping.within(goal.description, goal, 'the goal description');
  plan.goals.push({
    id: goalId,
    title,
    ...(goalDescription !== undefined && goalDescription !== title ? { description: goalDescription } : {}),
  });

  const objectiveNumbers = numberSiblings(
    kept.map((objective) => ({
      where: objective,
      number: sequenceOf(objective, [Number(goalId)], mapping.warn, 'objective'),
    })),
    (number, first, second) =>
      mapping.refuse(
        'duplicate-id',
        `objective ${goalId}.${number} is numbered twice: ${first.path ?? '?'} and ${second.path ?? '?'}`,
      ),
  );
  kept.forEach((objective, objectiveIndex) => {
    const objectiveId = `${goalId}.${objectiveNumbers[objectiveIndex]}`;
    mapObjective(objective, { goalId, objectiveId, goalPerformers }, mapping, plan);
  });
}

/** One objective: its title and desired outcome, its mission area and its key activities. */
function mapObjective(
  objective: Objective,
  under: {
    readonly goalId: string;
    readonly objectiveId: string;
    readonly goalPerformers: readonly string[];
  },
  mapping: CatalogMapping,
  plan: PlanParts,
): void {
  const { goalId, objectiveId } = under;
  const objectiveTitle = titleOf(objective, `objective ${objectiveId}`, `Objective ${objectiveId}`, mapping);
  let desiredOutcome = mapping.within(objective.description, objective, 'the objective description');
  if (desiredOutcome === undefined) {
    mapping.warn(
      objective,
      `objective ${objectiveId} has no Description: its name stands as the desired outcome`,
    );
    desiredOutcome = objectiveTitle;
  }
  const area = missionAreaOf(objective, goalId, plan.missionAreas, mapping.warn);
  const inherited = [mapping.offices.performersOf(objective.stakeholders), under.goalPerformers];
  const items: KeyActivityItem[] =
    objective.indicators.length === 0
      ? [{ text: desiredOutcome, performers: [], where: objective }]
      : objective.indicators.map((indicator, index) => ({
          text: indicatorText(indicator, objectiveTitle, index + 1, mapping.warn, mapping.within),
          performers: mapping.offices.performersOfIndicator(indicator),
          where: indicator,
        }));
  const keyActivities = items.map((item, index) =>
    keyActivityOf(item, `${objectiveId}.${index + 1}`, objective.indicators[index], inherited, mapping, plan),
  );
  plan.objectives.push({
    id: objectiveId,
    goalId,
    ...(area ? { missionAreaId: area } : {}),
    title: objectiveTitle,
    desiredOutcome,
    keyActivities,
  });
}

/** A key activity to be: an indicator (or the objective itself), its text and its own performers. */
interface KeyActivityItem {
  readonly text: string;
  readonly performers: readonly string[];
  readonly where: Where;
}

/**
 * One key activity, numbered in document order, assigned to the nearest named performers: the
 * indicator's, else the objective's, else the goal's, else the organisation's, else the
 * organisation itself as an office.
 */
function keyActivityOf(
  item: KeyActivityItem,
  id: string,
  indicator: PerformanceIndicator | undefined,
  inherited: readonly (readonly string[])[],
  mapping: CatalogMapping,
  plan: PlanParts,
): { id: string; text: string } {
  const written = indicator
    ? (indicator.sequenceIndicator ?? numberOfIdentifier(indicator.identifier))
    : undefined;
  if (written !== undefined && /^\d+\.\d+\.\d+$/.test(written) && written !== id)
    mapping.warn(
      item.where,
      `numbered ${written} in the document; key activities are numbered in document order: ${id}`,
    );
  let chosen = [item.performers, ...inherited, plan.organizationPerformers].find((list) => list.length > 0);
  if (!chosen) {
    plan.unassigned += 1;
    chosen = [plan.fallbackOffice()];
  }
  plan.assignments[id] = [...new Set(chosen)];
  return { id, text: item.text };
}

function warnUnassigned(plan: PlanParts, mapping: CatalogMapping, rootWhere: Where): void {
  const office = mapping.offices.all().find((entry) => entry.code === plan.fallbackOffice()) as {
    code: string;
    name: string;
  };
  const { unassigned } = plan;
  mapping.warn(
    rootWhere,
    `${unassigned} key activit${unassigned === 1 ? 'y has' : 'ies have'} no stakeholder with the role Performer (on the indicator, objective, goal or organisation): assigned to ${office.name} (${office.code})`,
  );
}

/** The plan's own facts: its title, source and dates, organisation, mission, vision and values. */
function planHeader(
  document: StratmlDocument,
  organization: Organization | undefined,
  mapping: CatalogMapping,
  rootWhere: Where,
) {
  const { warn, within } = mapping;
  const admin = document.administrativeInformation;
  const organizationName = within(organization?.name, organization ?? rootWhere, 'the organisation name');
  let acronym = organization?.acronym;
  if (acronym !== undefined && acronym.length > ORGANIZATION_ACRONYM_MAX) {
    warn(organization ?? rootWhere, `the acronym is over ${ORGANIZATION_ACRONYM_MAX} characters: left out`);
    acronym = undefined;
  }
  const values = planValues(document, mapping);
  let title = within(document.name, rootWhere, 'the plan name');
  if (title === undefined) {
    warn(rootWhere, 'the plan has no Name: titled after its organisation');
    title = organizationName ?? 'StratML plan';
  }
  const source = within(admin?.source ?? parseSourceNote(document.otherInformation), rootWhere, 'the source');
  const mission = within(document.mission, rootWhere, 'the mission');
  const vision = within(document.vision, rootWhere, 'the vision');
  return {
    title,
    ...(source !== undefined ? { source } : {}),
    ...(admin?.startDate !== undefined ? { startDate: admin.startDate } : {}),
    ...(admin?.endDate !== undefined ? { endDate: admin.endDate } : {}),
    ...(organizationName !== undefined
      ? { organization: { name: organizationName, ...(acronym !== undefined ? { acronym } : {}) } }
      : {}),
    ...(mission !== undefined ? { mission } : {}),
    ...(vision !== undefined ? { vision } : {}),
    ...(values.length > 0 ? { values } : {}),
  };
}

/** The plan's values: named (or titled from their description); a value with neither is left out. */
function planValues(document: StratmlDocument, { within }: CatalogMapping) {
  return document.values.flatMap((value) => {
    const name =
      within(value.name, value, 'the value name') ??
      (value.description ? shortTitle(value.description) : undefined);
    if (name === undefined) return [];
    const description = within(value.description, value, 'the value description');
    return [{ name, ...(description !== undefined && description !== name ? { description } : {}) }];
  });
}

/** Cut text to the catalog's limit at a word boundary, marking the cut. */
function fitText(value: string, onCut: () => void): string {
  if (value.length <= CATALOG_TEXT_MAX) return value;
  onCut();
  const room = value.slice(0, CATALOG_TEXT_MAX - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > CATALOG_TEXT_MAX / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** A short title from a longer text: its first sentence, or its first words. */
function shortTitle(value: string): string {
  const sentence = /^(.+?[.!?])(\s|$)/.exec(value)?.[1] ?? value;
  if (sentence.length <= TITLE_FROM_TEXT) return sentence;
  const room = sentence.slice(0, TITLE_FROM_TEXT - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > TITLE_FROM_TEXT / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

function slug(value: string): string {
  const words = value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = words.length <= 63 ? words : words.slice(0, words.lastIndexOf('-', 63));
  return cut === '' ? 'stratml-plan' : cut;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function romanValue(value: string): number | undefined {
  if (!/^[IVXLC]+$/.test(value)) return undefined;
  let total = 0;
  for (let index = 0; index < value.length; index += 1) {
    const current = ROMAN[value[index] as string] as number;
    const next = ROMAN[value[index + 1] as string] ?? 0;
    total += current < next ? -current : current;
  }
  return total;
}

/**
 * The number an element's SequenceIndicator (else this product's Identifier) gives it under its
 * parent (`prefix`: the goal number of an objective), or undefined to number it by position.
 * "Goal 2", "2.", "II", "EX2" give 2; an objective's "2.3" under goal 2 gives 3.
 */
function sequenceOf(
  element: Goal | Objective,
  prefix: readonly number[],
  warn: (where: Where, message: string) => void,
  kind: 'goal' | 'objective',
): number | undefined {
  const written = element.sequenceIndicator;
  const candidate = written ?? numberOfIdentifier(element.identifier);
  if (candidate === undefined) return undefined;
  const trimmed = candidate.trim().replace(/[.):]+$/, '');
  const roman = romanValue(trimmed.toUpperCase() === trimmed ? trimmed : '');
  const digits = roman !== undefined ? String(roman) : trimmed.replace(/^[A-Za-z#§\s_-]+/, '');
  const parts = /^\d+(\.\d+)*$/.test(digits) ? digits.split('.').map(Number) : undefined;
  const unusable = (why: string) => {
    if (written !== undefined)
      warn(element, `SequenceIndicator "${written}" ${why}: the ${kind} is numbered by position`);
    return undefined;
  };
  if (!parts) return unusable('is not a number');
  const own = parts.slice(prefix.length);
  if (parts.length !== prefix.length + 1) {
    if (parts.length === 1 && prefix.length > 0 && (parts[0] as number) > 0) return parts[0];
    return unusable(`does not number a ${kind}${prefix.length > 0 ? ` of goal ${prefix.join('.')}` : ''}`);
  }
  if (prefix.some((value, index) => parts[index] !== value))
    return unusable(`belongs to goal ${parts.slice(0, prefix.length).join('.')}, not ${prefix.join('.')}`);
  const number = own[0] as number;
  return number > 0 ? number : unusable('is zero');
}

/**
 * Numbers siblings: each keeps the number it was given, the rest take their position or, if
 * another sibling has it, the next free number. Two siblings given the same number are refused.
 */
function numberSiblings(
  siblings: readonly { where: Where; number: number | undefined }[],
  duplicate: (number: number, first: Where, second: Where) => never,
): number[] {
  const given = new Map<number, Where>();
  for (const sibling of siblings) {
    if (sibling.number === undefined) continue;
    const first = given.get(sibling.number);
    if (first) duplicate(sibling.number, first, sibling.where);
    given.set(sibling.number, sibling.where);
  }
  const taken = new Set(given.keys());
  return siblings.map((sibling, index) => {
    if (sibling.number !== undefined) return sibling.number;
    let number = index + 1;
    while (taken.has(number)) number += 1;
    taken.add(number);
    return number;
  });
}

function missionAreaOf(
  objective: Objective,
  goalId: string,
  areas: Map<string, NonNullable<CatalogFile['missionAreas']>[number]>,
  warn: (where: Where, message: string) => void,
): string | undefined {
  const note = parseMissionAreaNote(objective.otherInformation);
  if (!note) return undefined;
  const known = areas.get(note.id);
  if (!known) {
    areas.set(note.id, {
      id: note.id,
      goalId,
      title: note.title,
      ...(note.description !== undefined ? { description: note.description } : {}),
    });
    return note.id;
  }
  if (known.goalId !== goalId) {
    warn(objective, `mission area ${note.id} is already in goal ${known.goalId}: not used here`);
    return undefined;
  }
  if (known.title !== note.title || known.description !== note.description)
    warn(objective, `mission area ${note.id} is described differently here: the first description is kept`);
  return note.id;
}

function indicatorText(
  indicator: PerformanceIndicator,
  objectiveTitle: string,
  position: number,
  warn: (where: Where, message: string) => void,
  within: (value: string | undefined, where: Where, what: string) => string | undefined,
): string {
  const unit = indicator.unitOfMeasurement;
  const dimension = indicator.measurementDimension;
  if (dimension !== undefined) {
    const withUnit =
      unit !== undefined && unit !== PERCENT_COMPLETE && !dimension.toLowerCase().includes(unit.toLowerCase())
        ? `${dimension} (${unit})`
        : dimension;
    return within(withUnit, indicator, 'the measurement dimension') as string;
  }
  const target = indicator.measurements
    .flatMap((measurement) => measurement.targets)
    .find((entry) => entry.description);
  if (target?.description !== undefined) {
    warn(indicator, 'no MeasurementDimension: the key activity is described by its target');
    return within(target.description, indicator, 'the target description') as string;
  }
  if (indicator.otherInformation !== undefined) {
    warn(indicator, 'no MeasurementDimension: the key activity is described by its OtherInformation');
    return within(indicator.otherInformation, indicator, 'the other information') as string;
  }
  warn(indicator, 'no MeasurementDimension or other text: the key activity is named after its objective');
  return `${objectiveTitle} (indicator ${position})`;
}

const STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'on', 'a', 'an', 'at', 'by', 'with']);

/** The offices found so far, by normalised name, each with a unique code. */
class OfficeRegistry {
  private readonly byName = new Map<string, { code: string; name: string }>();
  private readonly byCode = new Map<string, { code: string; name: string; where: Where }>();
  private fallback: string | undefined;

  constructor(
    private readonly refuse: (rule: string, message: string) => never,
    private readonly warn: (where: Where, message: string) => void,
  ) {}

  all(): { code: string; name: string }[] {
    return [...this.byCode.values()].map(({ code, name }) => ({ code, name }));
  }

  /** The codes of the stakeholders with the role Performer, registering each. */
  performersOf(stakeholders: readonly Stakeholder[]): string[] {
    const codes: string[] = [];
    for (const stakeholder of stakeholders) {
      if (!stakeholder.roles.some((role) => role.roleTypes.includes(PERFORMER))) continue;
      if (stakeholder.name === undefined) {
        this.warn(stakeholder, 'a stakeholder with the role Performer has no Name: ignored');
        continue;
      }
      codes.push(this.register(stakeholder.name, stakeholder));
    }
    return [...new Set(codes)];
  }

  /** An indicator's performers: its own stakeholders, or Relationships named Performer to office codes. */
  performersOfIndicator(indicator: PerformanceIndicator): string[] {
    const codes = this.performersOf(indicator.stakeholders);
    for (const relationship of indicator.relationships) {
      if (relationship.name?.toLowerCase() !== PERFORMER.toLowerCase()) continue;
      for (const referent of relationship.referentIdentifiers) {
        if (this.byCode.has(referent)) codes.push(referent);
        else this.warn(relationship, `Performer "${referent}" names no office: ignored`);
      }
    }
    return [...new Set(codes)];
  }

  /** The organisation itself as the one office, for key activities no performer is named for. */
  organizationOffice(organization: Organization | undefined, document: StratmlDocument): string {
    if (this.fallback) return this.fallback;
    const name = organization?.name ?? document.name ?? 'Plan owner';
    const acronym = organization?.acronym?.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const suffix = acronym && /^[A-Z][A-Z0-9]{1,9}$/.test(acronym) ? ` (${acronym})` : '';
    this.fallback = this.register(`${fitText(name, () => undefined)}${suffix}`, organization ?? {});
    return this.fallback;
  }

  private register(written: string, where: Where): string {
    const { name: plain, code: explicit } = parseOfficeStakeholderName(written);
    const name = fitText(plain, () =>
      this.warn(where, `the office name is over ${CATALOG_TEXT_MAX} characters: cut`),
    );
    const key = name.toLowerCase();
    const known = this.byName.get(key);
    if (known) return known.code;
    let code: string;
    if (explicit) {
      const other = this.byCode.get(explicit);
      if (other)
        this.refuse(
          'duplicate-id',
          `office code ${explicit} is given to both "${other.name}" (${other.where.path ?? '?'}) and "${name}" (${where.path ?? '?'})`,
        );
      code = explicit;
    } else code = this.freeCode(generatedCode(name));
    const office = { code, name };
    this.byName.set(key, office);
    this.byCode.set(code, { ...office, where });
    return code;
  }

  private freeCode(base: string): string {
    if (!this.byCode.has(base)) return base;
    for (let suffix = 2; ; suffix += 1) {
      const candidate = `${base.slice(0, 10 - String(suffix).length)}${suffix}`;
      if (!this.byCode.has(candidate)) return candidate;
    }
  }
}

/** An office code from a name: the initials of its main words (Office of Field Operations → OFO). */
function generatedCode(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !STOP_WORDS.has(word.toLowerCase()));
  let code = words
    .map((word) => word[0] as string)
    .join('')
    .toUpperCase();
  if (code.length < 2) code = (words[0] ?? '').toUpperCase();
  code = code.replace(/[^A-Z0-9]/g, '').slice(0, 10);
  if (!/^[A-Z]/.test(code)) code = `X${code}`.slice(0, 10);
  return code.length < 2 ? `${code}X`.slice(0, 10).padEnd(2, 'X') : code;
}
