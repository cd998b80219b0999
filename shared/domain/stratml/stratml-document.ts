/**
 * A StratML document as data: the parts of ISO 17469-1 Part 1 (`StrategicPlan`) and Part 2
 * (`PerformancePlanOrReport`, schema of 2016-02-16) this product reads and writes, shaped like
 * the schema. Text is already whitespace-normalised. Every node read from a file carries the
 * element path it came from (`/PerformancePlanOrReport/StrategicPlanCore/Goal[2]`), so a warning
 * about it can say where; nodes built by the product for export have no path.
 *
 * Pure data: reading (`adapters/stratml/read-stratml-document.ts`) and writing
 * (`adapters/stratml/write-stratml-document.ts`) are adapters; mapping to and from the catalog is
 * domain (`stratml-to-catalog.ts`, `catalog-to-stratml.ts`).
 */

export const STRATML_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';
/** Part 1 (ISO 17469-1 core), read as well; the product writes Part 2 only. */
export const STRATML_PART1_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:stratml_core';
export const STRATML_SCHEMA_LOCATION = 'http://stratml.us/references/PerformancePlanOrReport20160216.xsd';

export const DOCUMENT_TYPES = ['Strategic_Plan', 'Performance_Plan', 'Performance_Report'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface Located {
  /** Where the node was read from; absent on nodes built for export. */
  readonly path?: string;
  /** The line it starts on. */
  readonly line?: number;
}

export interface Role extends Located {
  readonly name?: string;
  readonly description?: string;
  /** `Performer` and/or `Beneficiary`. */
  readonly roleTypes: readonly string[];
}

export interface Stakeholder extends Located {
  readonly name?: string;
  readonly description?: string;
  /** `Person`, `Organization` or `Generic_Group`. */
  readonly stakeholderType?: string;
  readonly roles: readonly Role[];
}

export interface Organization extends Located {
  readonly name?: string;
  readonly acronym?: string;
  readonly identifier?: string;
  readonly description?: string;
  readonly stakeholders: readonly Stakeholder[];
}

export interface ValueStatement extends Located {
  readonly name?: string;
  readonly description?: string;
}

export interface Descriptor {
  readonly name?: string;
  readonly value?: string;
}

export interface Result {
  readonly startDate?: string;
  readonly endDate?: string;
  /** A decimal as written; absent when empty. */
  readonly numberOfUnits?: string;
  readonly descriptor?: Descriptor;
  readonly description?: string;
}

export interface MeasurementInstance {
  readonly targets: readonly Result[];
  readonly actuals: readonly Result[];
}

export interface Relationship extends Located {
  readonly identifier?: string;
  readonly referentIdentifiers: readonly string[];
  readonly name?: string;
  readonly description?: string;
  /** `Broader_Than`, `Peer_To` or `Narrower_Than`. */
  readonly relationshipType?: string;
}

export interface PerformanceIndicator extends Located {
  readonly sequenceIndicator?: string;
  readonly measurementDimension?: string;
  readonly unitOfMeasurement?: string;
  readonly identifier?: string;
  readonly relationships: readonly Relationship[];
  readonly measurements: readonly MeasurementInstance[];
  readonly otherInformation?: string;
  /** `Quantitative` or `Qualitative`. */
  readonly indicatorType?: string;
  /** `Outcome`, `Output`, `Output_Processing`, `Input_Processing` or `Input`. */
  readonly valueChainStage?: string;
  /**
   * Stakeholders written inside the indicator. Not in the schema (an indicator has none there),
   * but some published documents put them there; they are read so their performers can be used.
   */
  readonly stakeholders: readonly Stakeholder[];
}

/** What a goal and an objective both have (the schema's GoalType and ObjectiveType). */
export interface PlanElement extends Located {
  readonly name?: string;
  readonly description?: string;
  readonly identifier?: string;
  readonly sequenceIndicator?: string;
  readonly stakeholders: readonly Stakeholder[];
  readonly otherInformation?: string;
}

export interface Objective extends PlanElement {
  readonly indicators: readonly PerformanceIndicator[];
}

export interface Goal extends PlanElement {
  readonly objectives: readonly Objective[];
}

export interface AdministrativeInformation {
  readonly identifier?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly publicationDate?: string;
  readonly source?: string;
}

export interface StratmlDocument extends Located {
  /** `PerformancePlanOrReport` (Part 2) or `StrategicPlan` (Part 1). */
  readonly root: 'PerformancePlanOrReport' | 'StrategicPlan';
  /** Part 2's `Type`; a Part 1 document is a strategic plan. */
  readonly type: DocumentType;
  readonly name?: string;
  readonly description?: string;
  readonly otherInformation?: string;
  readonly organizations: readonly Organization[];
  readonly vision?: string;
  readonly mission?: string;
  readonly values: readonly ValueStatement[];
  readonly goals: readonly Goal[];
  readonly administrativeInformation?: AdministrativeInformation;
}

/** A deviation the reader or the mapping tolerated, with the element path it is about. */
export interface StratmlWarning {
  /** Element path, e.g. `/PerformancePlanOrReport/StrategicPlanCore/Goal[2]/Name`. */
  readonly path: string;
  /** The line of the document the element starts on, when known. */
  readonly line?: number;
  readonly message: string;
}

export function formatWarning(warning: StratmlWarning): string {
  return `${warning.path}${warning.line !== undefined ? ` (line ${warning.line})` : ''}: ${warning.message}`;
}
