/**
 * What each StratML element may contain, in order, as the 2016-02-16 Part 2 schema
 * (PerformancePlanOrReport20160216.xsd) says. The reader checks documents against it to say where
 * a document deviates (misplaced, repeated, unknown or missing elements) while still reading what
 * it can; it is not a validator (tests use xmllint for that).
 */
export interface ChildRule {
  readonly name: string;
  readonly min: number;
  /** Infinity for unbounded. */
  readonly max: number;
}

const one = (name: string): ChildRule => ({ name, min: 1, max: 1 });
const optional = (name: string): ChildRule => ({ name, min: 0, max: 1 });
const many = (name: string, min = 0): ChildRule => ({ name, min, max: Number.POSITIVE_INFINITY });

const DOCUMENT: readonly ChildRule[] = [
  one('Name'),
  optional('Description'),
  optional('OtherInformation'),
  one('StrategicPlanCore'),
  optional('AdministrativeInformation'),
  optional('Submitter'),
];
const RESULT: readonly ChildRule[] = [
  optional('StartDate'),
  optional('EndDate'),
  optional('NumberOfUnits'),
  optional('Descriptor'),
  optional('Description'),
];

/** Complex elements and their children, in schema order. */
export const CONTENT_MODEL: Readonly<Record<string, readonly ChildRule[]>> = {
  PerformancePlanOrReport: DOCUMENT,
  /** Part 1's root: the same sequence. */
  StrategicPlan: DOCUMENT,
  StrategicPlanCore: [
    many('Organization'),
    optional('Vision'),
    optional('Mission'),
    many('Value'),
    many('Goal', 1),
  ],
  Organization: [
    optional('Name'),
    optional('Acronym'),
    optional('Identifier'),
    optional('Description'),
    many('Stakeholder'),
  ],
  Stakeholder: [one('Name'), optional('Description'), many('Role')],
  Role: [one('Name'), optional('Description'), { name: 'RoleType', min: 0, max: 2 }],
  Vision: [optional('Description'), optional('Identifier')],
  Mission: [optional('Description'), optional('Identifier')],
  Value: [optional('Name'), optional('Description')],
  Goal: [
    one('Name'),
    one('Description'),
    optional('Identifier'),
    optional('SequenceIndicator'),
    many('Stakeholder'),
    optional('OtherInformation'),
    many('Objective'),
  ],
  Objective: [
    optional('Name'),
    optional('Description'),
    optional('Identifier'),
    optional('SequenceIndicator'),
    many('Stakeholder'),
    optional('OtherInformation'),
    many('PerformanceIndicator'),
  ],
  PerformanceIndicator: [
    optional('SequenceIndicator'),
    one('MeasurementDimension'),
    one('UnitOfMeasurement'),
    optional('Identifier'),
    many('Relationship'),
    many('MeasurementInstance'),
    optional('OtherInformation'),
  ],
  Relationship: [
    optional('Identifier'),
    many('ReferentIdentifier'),
    optional('Name'),
    optional('Description'),
  ],
  MeasurementInstance: [many('TargetResult'), many('ActualResult')],
  TargetResult: RESULT,
  ActualResult: RESULT,
  Descriptor: [optional('DescriptorName'), optional('DescriptorValue')],
  AdministrativeInformation: [
    optional('Identifier'),
    optional('StartDate'),
    optional('EndDate'),
    optional('PublicationDate'),
    optional('Source'),
  ],
  Submitter: [
    optional('Identifier'),
    optional('GivenName'),
    optional('Surname'),
    optional('PhoneNumber'),
    optional('EmailAddress'),
  ],
};

/** Elements whose content is text. */
export const TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'Name',
  'Description',
  'OtherInformation',
  'Acronym',
  'Identifier',
  'SequenceIndicator',
  'RoleType',
  'MeasurementDimension',
  'UnitOfMeasurement',
  'ReferentIdentifier',
  'StartDate',
  'EndDate',
  'PublicationDate',
  'NumberOfUnits',
  'DescriptorName',
  'DescriptorValue',
  'Source',
  'GivenName',
  'Surname',
  'PhoneNumber',
  'EmailAddress',
]);

/** Attributes each element may carry (namespaced attributes such as xsi:schemaLocation are always allowed). */
export const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  PerformancePlanOrReport: ['Type'],
  Stakeholder: ['StakeholderTypeType'],
  PerformanceIndicator: ['ValueChainStage', 'PerformanceIndicatorType'],
  Relationship: ['RelationshipType'],
};

/**
 * Children that are not in the schema but that published documents use with an evident meaning:
 * read (with a warning) instead of ignored.
 */
export const TOLERATED_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  // Who performs an indicator; the schema has stakeholders only on goals and objectives.
  PerformanceIndicator: ['Stakeholder'],
};
