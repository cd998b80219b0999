import type { Catalog, KeyActivity, Office } from '../catalog/catalog';
import {
  catalogIdentifier,
  elementIdentifier,
  missionAreaNote,
  officeStakeholderName,
  PERCENT_COMPLETE,
  PERFORMER,
  sourceNote,
} from './stratml-conventions';
import type {
  AdministrativeInformation,
  MeasurementInstance,
  PerformanceIndicator,
  Relationship,
  Stakeholder,
  StratmlDocument,
} from './stratml-document';

/** An office as a stakeholder with the role Performer. */
export function officeStakeholder(office: Office): Stakeholder {
  return {
    name: officeStakeholderName(office),
    stakeholderType: 'Organization',
    roles: [{ name: PERFORMER, roleTypes: [PERFORMER] }],
  };
}

/** The offices reporting on a key activity, as one Relationship named Performer to their codes. */
export function performerRelationship(offices: readonly string[]): Relationship {
  return { name: PERFORMER, referentIdentifiers: [...offices] };
}

/** A key activity as a performance indicator measured in percent complete. */
export function keyActivityIndicator(
  activity: Pick<KeyActivity, 'id' | 'text' | 'offices'>,
  measurements: readonly MeasurementInstance[] = [],
): PerformanceIndicator {
  return {
    sequenceIndicator: activity.id,
    measurementDimension: activity.text,
    unitOfMeasurement: PERCENT_COMPLETE,
    identifier: elementIdentifier.keyActivity(activity.id),
    relationships: [performerRelationship(activity.offices)],
    measurements,
    indicatorType: 'Quantitative',
    stakeholders: [],
  };
}

const isUrl = (value: string) => /^https?:\/\/\S+$/.test(value);

/** Where a catalog's source goes: Source when it is a web address, else the document's OtherInformation. */
export function sourceParts(source: string | undefined): {
  otherInformation?: string;
  administrative: Pick<AdministrativeInformation, 'source'>;
} {
  if (source === undefined) return { administrative: {} };
  return isUrl(source)
    ? { administrative: { source } }
    : { otherInformation: sourceNote(source), administrative: {} };
}

/**
 * The catalog as a StratML Part 2 Strategic_Plan (docs/stratml.md, "Export"): goals, objectives
 * (desired outcome as Description, mission area in OtherInformation), each key activity a
 * performance indicator in percent complete with its offices, the offices as the organisation's
 * stakeholders with the role Performer, and the catalog id and version as the document's
 * Identifier, so importing the export gives the same catalog.
 */
export function catalogToStratml(catalog: Catalog): StratmlDocument {
  const officeByCode = new Map(catalog.offices.map((office) => [office.code, office]));
  const areaById = new Map(catalog.missionAreas.map((area) => [area.id, area]));
  const source = sourceParts(catalog.source);
  return {
    root: 'PerformancePlanOrReport',
    type: 'Strategic_Plan',
    name: catalog.title,
    ...(source.otherInformation !== undefined ? { otherInformation: source.otherInformation } : {}),
    organizations: [
      {
        ...(catalog.organization ? { name: catalog.organization.name } : {}),
        ...(catalog.organization?.acronym !== undefined ? { acronym: catalog.organization.acronym } : {}),
        stakeholders: catalog.offices.map(officeStakeholder),
      },
    ],
    ...(catalog.vision !== undefined ? { vision: catalog.vision } : {}),
    ...(catalog.mission !== undefined ? { mission: catalog.mission } : {}),
    values: catalog.values.map((value) => ({
      name: value.name,
      ...(value.description !== undefined ? { description: value.description } : {}),
    })),
    goals: catalog.goals.map((goal) => ({
      name: goal.title,
      ...(goal.description !== undefined ? { description: goal.description } : {}),
      identifier: elementIdentifier.goal(goal.id),
      sequenceIndicator: goal.id,
      stakeholders: [],
      objectives: catalog.objectives
        .filter((objective) => objective.goalId === goal.id)
        .map((objective) => {
          const area =
            objective.missionAreaId !== undefined ? areaById.get(objective.missionAreaId) : undefined;
          const performers = catalog.offices.filter((office) =>
            objective.keyActivities.some((activity) => activity.offices.includes(office.code)),
          );
          return {
            name: objective.title,
            description: objective.desiredOutcome,
            identifier: elementIdentifier.objective(objective.id),
            sequenceIndicator: objective.id,
            stakeholders: performers.map((office) =>
              officeStakeholder(officeByCode.get(office.code) as Office),
            ),
            ...(area ? { otherInformation: missionAreaNote(area) } : {}),
            indicators: objective.keyActivities.map((activity) => keyActivityIndicator(activity)),
          };
        }),
    })),
    administrativeInformation: {
      identifier: catalogIdentifier(catalog.id, catalog.version),
      ...(catalog.endDate !== undefined ? { endDate: catalog.endDate } : {}),
      ...source.administrative,
    },
  };
}
