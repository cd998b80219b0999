import {
  type Goal,
  type MeasurementInstance,
  type Objective,
  type Organization,
  type PerformanceIndicator,
  type Relationship,
  type Result,
  type Role,
  STRATML_NAMESPACE,
  STRATML_SCHEMA_LOCATION,
  type Stakeholder,
  type StratmlDocument,
} from '../../domain/stratml/stratml-document';

/**
 * Writes a StratML document as Part 2 XML valid against PerformancePlanOrReport20160216.xsd:
 * elements in schema order, required ones written (empty) even when there is nothing to say,
 * optional ones only when present. The output is a pure function of the document — two-space
 * indentation, UTF-8, one final newline — so a stored report's file can be rendered again to the
 * same bytes years later (`reports reproduce`); that is why it is serialised here rather than by
 * a library whose formatting may change between versions.
 */
export function writeStratmlDocument(document: StratmlDocument): string {
  const root: XmlElement = element(
    'PerformancePlanOrReport',
    [
      text('Name', document.name ?? ''),
      optionalText('Description', document.description),
      optionalText('OtherInformation', document.otherInformation),
      element('StrategicPlanCore', [
        ...document.organizations.map(organization),
        ...(document.vision !== undefined ? [element('Vision', [text('Description', document.vision)])] : []),
        ...(document.mission !== undefined
          ? [element('Mission', [text('Description', document.mission)])]
          : []),
        ...document.values.map((value) =>
          element('Value', [
            optionalText('Name', value.name),
            optionalText('Description', value.description),
          ]),
        ),
        ...document.goals.map(goal),
      ]),
      ...(document.administrativeInformation
        ? [
            element('AdministrativeInformation', [
              optionalText('Identifier', document.administrativeInformation.identifier),
              optionalText('StartDate', document.administrativeInformation.startDate),
              optionalText('EndDate', document.administrativeInformation.endDate),
              optionalText('PublicationDate', document.administrativeInformation.publicationDate),
              optionalText('Source', document.administrativeInformation.source),
            ]),
          ]
        : []),
    ],
    [
      ['xmlns', STRATML_NAMESPACE],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xsi:schemaLocation', `${STRATML_NAMESPACE} ${STRATML_SCHEMA_LOCATION}`],
      ['Type', document.type],
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(root, '')}\n`;
}

interface XmlElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly XmlElement[];
  readonly text?: string;
}
type Part = XmlElement | undefined;

function element(
  name: string,
  children: readonly Part[],
  attributes: readonly (readonly [string, string])[] = [],
): XmlElement {
  return { name, attributes, children: children.filter((child): child is XmlElement => child !== undefined) };
}
function text(name: string, value: string): XmlElement {
  return { name, attributes: [], children: [], text: value };
}
function optionalText(name: string, value: string | undefined): Part {
  return value === undefined ? undefined : text(name, value);
}
function attribute(name: string, value: string | undefined): readonly (readonly [string, string])[] {
  return value === undefined ? [] : [[name, value]];
}

function role(value: Role): XmlElement {
  return element('Role', [
    text('Name', value.name ?? ''),
    optionalText('Description', value.description),
    ...value.roleTypes.slice(0, 2).map((type) => text('RoleType', type)),
  ]);
}
function stakeholder(value: Stakeholder): XmlElement {
  return element(
    'Stakeholder',
    [
      text('Name', value.name ?? ''),
      optionalText('Description', value.description),
      ...value.roles.map(role),
    ],
    attribute('StakeholderTypeType', value.stakeholderType),
  );
}
function organization(value: Organization): XmlElement {
  return element('Organization', [
    optionalText('Name', value.name),
    optionalText('Acronym', value.acronym),
    optionalText('Identifier', value.identifier),
    optionalText('Description', value.description),
    ...value.stakeholders.map(stakeholder),
  ]);
}
function result(name: 'TargetResult' | 'ActualResult', value: Result): XmlElement {
  return element(name, [
    optionalText('StartDate', value.startDate),
    optionalText('EndDate', value.endDate),
    optionalText('NumberOfUnits', value.numberOfUnits),
    value.descriptor
      ? element('Descriptor', [
          optionalText('DescriptorName', value.descriptor.name),
          optionalText('DescriptorValue', value.descriptor.value),
        ])
      : undefined,
    optionalText('Description', value.description),
  ]);
}
function measurement(value: MeasurementInstance): XmlElement {
  return element('MeasurementInstance', [
    ...value.targets.map((entry) => result('TargetResult', entry)),
    ...value.actuals.map((entry) => result('ActualResult', entry)),
  ]);
}
function relationship(value: Relationship): XmlElement {
  return element(
    'Relationship',
    [
      optionalText('Identifier', value.identifier),
      ...value.referentIdentifiers.map((referent) => text('ReferentIdentifier', referent)),
      optionalText('Name', value.name),
      optionalText('Description', value.description),
    ],
    attribute('RelationshipType', value.relationshipType),
  );
}
function indicator(value: PerformanceIndicator): XmlElement {
  return element(
    'PerformanceIndicator',
    [
      optionalText('SequenceIndicator', value.sequenceIndicator),
      text('MeasurementDimension', value.measurementDimension ?? ''),
      text('UnitOfMeasurement', value.unitOfMeasurement ?? ''),
      optionalText('Identifier', value.identifier),
      ...value.relationships.map(relationship),
      ...value.measurements.map(measurement),
      optionalText('OtherInformation', value.otherInformation),
    ],
    [
      ...attribute('ValueChainStage', value.valueChainStage),
      ...attribute('PerformanceIndicatorType', value.indicatorType),
    ],
  );
}
function objective(value: Objective): XmlElement {
  return element('Objective', [
    optionalText('Name', value.name),
    optionalText('Description', value.description),
    optionalText('Identifier', value.identifier),
    optionalText('SequenceIndicator', value.sequenceIndicator),
    ...value.stakeholders.map(stakeholder),
    optionalText('OtherInformation', value.otherInformation),
    ...value.indicators.map(indicator),
  ]);
}
function goal(value: Goal): XmlElement {
  return element('Goal', [
    text('Name', value.name ?? ''),
    text('Description', value.description ?? ''),
    optionalText('Identifier', value.identifier),
    optionalText('SequenceIndicator', value.sequenceIndicator),
    ...value.stakeholders.map(stakeholder),
    optionalText('OtherInformation', value.otherInformation),
    ...value.objectives.map(objective),
  ]);
}

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline, return; U+FFFE/F; lone surrogates). */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function serialise(node: XmlElement, indent: string): string {
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  if (node.text !== undefined)
    return node.text === ''
      ? `${indent}<${node.name}${attributes}/>`
      : `${indent}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`;
  if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>`;
  const inner = node.children.map((child) => serialise(child, `${indent}  `)).join('\n');
  return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
}
