import { SaxesParser, type SaxesTagNS } from 'saxes';
import { InvalidInputError } from '../../domain/errors';
import {
  type AdministrativeInformation,
  DOCUMENT_TYPES,
  type DocumentType,
  type Goal,
  type MeasurementInstance,
  type Objective,
  type Organization,
  type PerformanceIndicator,
  type PlanElement,
  type Relationship,
  type Result,
  type Role,
  STRATML_NAMESPACE,
  STRATML_PART1_NAMESPACE,
  type Stakeholder,
  type StratmlDocument,
  type StratmlWarning,
  type ValueStatement,
} from '../../domain/stratml/stratml-document';
import { ATTRIBUTES, CONTENT_MODEL, TEXT_ELEMENTS, TOLERATED_CHILDREN } from './stratml-content-model';

/** Larger documents are refused before they are parsed (the largest published plans are ~1 MB). */
export const MAX_STRATML_BYTES = 16 * 1024 * 1024;
/** Elements nested deeper than this cannot be StratML (its deepest path is 8). */
const MAX_DEPTH = 32;
/** Text kept per element; longer text is cut here (the catalog's own limit is far lower). */
const MAX_TEXT = 8192;
/** Warnings kept; a document with more is reported with a count of the rest. */
const MAX_WARNINGS = 500;

const STRATML_NAMESPACES = new Set([STRATML_NAMESPACE, STRATML_PART1_NAMESPACE, '']);

/** An element as read: what the document says, before it is given meaning. */
interface ElementNode {
  readonly name: string;
  readonly path: string;
  readonly line: number;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: ElementNode[];
  text: string;
  textCut: boolean;
}

interface Frame {
  readonly node: ElementNode | undefined;
  /** Children seen so far, by name, for paths, counts and order. */
  readonly counts: Map<string, number>;
  /** The furthest position in the parent's sequence seen so far, and by which element. */
  furthest: number;
  furthestName: string;
  /** Inside an ignored element or markup inside a text element: nothing below is kept as elements. */
  readonly ignored: boolean;
  /** A text element whose descendants' text is gathered into it. */
  readonly textOwner: ElementNode | undefined;
  /** Markup was found directly inside this text element. */
  markup: boolean;
}

export interface ReadStratml {
  readonly document: StratmlDocument;
  readonly warnings: readonly StratmlWarning[];
}

const problem = (rule: string, message: string, file: string) =>
  new InvalidInputError({ rule: `stratml.${rule}`, message, file });

/**
 * Reads a StratML document (Part 2 `PerformancePlanOrReport` or Part 1 `StrategicPlan`), tolerant
 * of what published documents get wrong: elements out of schema order, repeated, unknown or from
 * other namespaces, markup inside text, a BOM, stylesheet instructions, invalid UTF-8. Each such
 * deviation becomes a warning with its element path and line; what can be understood is read.
 *
 * Refused with an InvalidInputError naming the file (nothing is returned): a document over
 * MAX_STRATML_BYTES; any DOCTYPE or ENTITY declaration (no external or internal entity is ever
 * resolved: XXE and entity expansion are impossible); anything that is not well-formed XML;
 * XML whose root is not a StratML plan.
 */
export function readStratmlDocument(bytes: Uint8Array, file: string): ReadStratml {
  if (bytes.length > MAX_STRATML_BYTES)
    throw problem(
      'size',
      `the StratML document is ${bytes.length} bytes; at most ${MAX_STRATML_BYTES} are read`,
      file,
    );
  const warnings: StratmlWarning[] = [];
  let dropped = 0;
  const warn = (path: string, line: number | undefined, message: string) => {
    if (warnings.length < MAX_WARNINGS)
      warnings.push({ path, ...(line !== undefined ? { line } : {}), message });
    else dropped += 1;
  };

  const text = decode(bytes, file, (message) => warn('/', undefined, message));
  // Refused before parsing, wherever it appears (prolog, comment, CDATA): entity declarations
  // live only in a DOCTYPE, and no StratML document needs one.
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration)
    throw problem(
      'doctype',
      `the document contains a ${declaration[1]?.toUpperCase()} declaration (line ${lineOf(text, declaration.index)}); DOCTYPE and ENTITY declarations are refused (they can read local files or expand without bound)`,
      file,
    );

  const root = parseTree(text, file, warn);
  const document = interpret(root, warn);
  if (dropped > 0) warnings.push({ path: '/', message: `${dropped} more warnings were left out` });
  return { document, warnings };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/** Bytes to text: by BOM, else by the XML declaration's encoding, else UTF-8. */
function decode(bytes: Uint8Array, file: string, warn: (message: string) => void): string {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else {
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw problem('encoding', `the document's encoding "${label}" is not one this reader knows`, file);
  }
  const body = bytes.subarray(start);
  try {
    return decoder.decode(body);
  } catch {
    const lenient = new TextDecoder(label).decode(body);
    const replaced = lenient.split('\uFFFD').length - 1;
    warn(
      `the document is not valid ${label.toUpperCase()}: ${replaced} byte sequence${replaced === 1 ? '' : 's'} replaced by U+FFFD`,
    );
    return lenient;
  }
}

function parseTree(
  text: string,
  file: string,
  warn: (path: string, line: number | undefined, message: string) => void,
): ElementNode {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const stack: Frame[] = [];
  let root: ElementNode | undefined;
  let rootNamespace = '';

  parser.on('doctype', () => {
    throw problem('doctype', 'the document has a DOCTYPE declaration; it is refused', file);
  });

  parser.on('opentag', (tag: SaxesTagNS) => {
    const line = parser.line;
    const parent = stack[stack.length - 1];
    if (stack.length >= MAX_DEPTH)
      throw problem('depth', `elements are nested deeper than ${MAX_DEPTH} levels (line ${line})`, file);

    if (!parent) {
      if (tag.local !== 'PerformancePlanOrReport' && tag.local !== 'StrategicPlan')
        throw problem(
          'kind',
          `the root element is <${tag.name}>${tag.uri ? ` in namespace ${tag.uri}` : ''}: a StratML plan's is <PerformancePlanOrReport> (Part 2) or <StrategicPlan> (Part 1)`,
          file,
        );
      rootNamespace = tag.uri;
      const path = `/${tag.local}`;
      if (!STRATML_NAMESPACES.has(tag.uri))
        warn(
          path,
          line,
          `namespace ${tag.uri} is not StratML's (${STRATML_NAMESPACE}); read by element names`,
        );
      root = newNode(tag, path, line, warn);
      stack.push(frameFor(root, false, undefined));
      return;
    }

    // Below ignored markup or inside a text element: only text is of interest.
    if (parent.ignored || parent.textOwner) {
      if (parent.node && parent.node === parent.textOwner) parent.markup = true;
      stack.push({ ...emptyFrame(), ignored: true, textOwner: parent.textOwner });
      return;
    }
    const parentNode = parent.node as ElementNode;
    const name = tag.local;
    const count = (parent.counts.get(name) ?? 0) + 1;
    parent.counts.set(name, count);
    const model = CONTENT_MODEL[parentNode.name] ?? [];
    const position = model.findIndex((rule) => rule.name === name);
    const rule = model[position];
    const repeatable = rule ? rule.max > 1 : true;
    const path = `${parentNode.path}/${name}${repeatable ? `[${count}]` : ''}`;

    if (
      tag.uri !== rootNamespace &&
      !(STRATML_NAMESPACES.has(tag.uri) && STRATML_NAMESPACES.has(rootNamespace))
    ) {
      warn(path, line, `<${tag.name}> is in namespace ${tag.uri || '(none)'}, not the document's: ignored`);
      stack.push({ ...emptyFrame(), ignored: true });
      return;
    }
    if (!rule) {
      if ((TOLERATED_CHILDREN[parentNode.name] ?? []).includes(name)) {
        warn(path, line, `<${name}> is not part of <${parentNode.name}> in the schema; read anyway`);
        const node = newNode(tag, path, line, warn);
        parentNode.children.push(node);
        stack.push(frameFor(node, false, undefined));
        return;
      }
      warn(
        path,
        line,
        CONTENT_MODEL[name] || TEXT_ELEMENTS.has(name)
          ? `<${name}> does not belong in <${parentNode.name}>: ignored`
          : `<${name}> is not a StratML element: ignored`,
      );
      stack.push({ ...emptyFrame(), ignored: true });
      return;
    }
    if (count > rule.max) {
      warn(
        path,
        line,
        `<${parentNode.name}> may hold ${rule.max === 1 ? 'one' : `at most ${rule.max}`} <${name}>: this one is ignored`,
      );
      stack.push({ ...emptyFrame(), ignored: true });
      return;
    }
    if (position < parent.furthest)
      warn(path, line, `<${name}> is out of schema order: it belongs before <${parent.furthestName}>`);
    else {
      parent.furthest = position;
      parent.furthestName = name;
    }
    const node = newNode(tag, path, line, warn);
    parentNode.children.push(node);
    stack.push(frameFor(node, false, TEXT_ELEMENTS.has(name) ? node : undefined));
  });

  const onText = (value: string) => {
    const owner = stack[stack.length - 1]?.textOwner;
    if (!owner || owner.textCut) return;
    owner.text += value;
    if (owner.text.length > MAX_TEXT) {
      owner.text = owner.text.slice(0, MAX_TEXT);
      owner.textCut = true;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    const frame = stack.pop();
    const node = frame?.node;
    if (!frame || !node) return;
    if (frame.markup) warn(node.path, node.line, `markup inside <${node.name}> ignored; its text is kept`);
    for (const rule of CONTENT_MODEL[node.name] ?? []) {
      if (rule.min > 0 && (frame.counts.get(rule.name) ?? 0) === 0)
        warn(node.path, node.line, `<${node.name}> has no <${rule.name}>, which the schema requires`);
    }
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const message = (error as Error).message.replace(`${file}:`, '');
    throw problem('xml', `not well-formed XML: ${message}`, file);
  }
  if (!root) throw problem('xml', 'not well-formed XML: no root element', file);
  return root;
}

function emptyFrame(): Frame {
  return {
    node: undefined,
    counts: new Map(),
    furthest: -1,
    furthestName: '',
    ignored: false,
    textOwner: undefined,
    markup: false,
  };
}

function frameFor(node: ElementNode, ignored: boolean, textOwner: ElementNode | undefined): Frame {
  return { ...emptyFrame(), node, ignored, textOwner };
}

function newNode(
  tag: SaxesTagNS,
  path: string,
  line: number,
  warn: (path: string, line: number | undefined, message: string) => void,
): ElementNode {
  const allowed = ATTRIBUTES[tag.local] ?? [];
  const attributes = new Map<string, string>();
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri !== '' || attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    if (allowed.includes(attribute.local)) attributes.set(attribute.local, attribute.value);
    else if (tag.local === 'PerformanceIndicator' && attribute.local === 'IndicatorType') {
      warn(path, line, "attribute IndicatorType is not StratML's: read as PerformanceIndicatorType");
      attributes.set('PerformanceIndicatorType', attribute.value);
    } else warn(path, line, `attribute ${attribute.name} is not StratML's: ignored`);
  }
  return { name: tag.local, path, line, attributes, children: [], text: '', textCut: false };
}

type Warn = (path: string, line: number | undefined, message: string) => void;

/** Gives the element tree its meaning as a StratML document. */
function interpret(root: ElementNode, warn: Warn): StratmlDocument {
  const text = (node: ElementNode | undefined): string | undefined => {
    if (!node) return undefined;
    const normalised = node.text.replace(/\s+/g, ' ').trim();
    return normalised === '' ? undefined : normalised;
  };
  const child = (node: ElementNode, name: string) => node.children.find((entry) => entry.name === name);
  const children = (node: ElementNode, name: string) => node.children.filter((entry) => entry.name === name);
  const childText = (node: ElementNode, name: string) => text(child(node, name));
  const located = (node: ElementNode) => ({ path: node.path, line: node.line });
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  const enumerated = (node: ElementNode, attribute: string, allowed: readonly string[]) => {
    const value = node.attributes.get(attribute)?.trim();
    if (value === undefined || value === '') return undefined;
    if (allowed.includes(value)) return value;
    warn(node.path, node.line, `${attribute}="${value}" is not one of ${allowed.join(', ')}: ignored`);
    return undefined;
  };
  const date = (node: ElementNode, name: string) => {
    const element = child(node, name);
    const value = text(element);
    if (value === undefined || !element) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
    warn(element.path, element.line, `"${value}" is not a date (YYYY-MM-DD): ignored`);
    return undefined;
  };

  const role = (node: ElementNode): Role => {
    const roleTypes: string[] = [];
    for (const entry of children(node, 'RoleType')) {
      const value = text(entry);
      if (value === undefined) continue;
      const known = ['Performer', 'Beneficiary'].find((type) => type.toLowerCase() === value.toLowerCase());
      if (known) roleTypes.push(known);
      else warn(entry.path, entry.line, `RoleType "${value}" is neither Performer nor Beneficiary: ignored`);
    }
    return {
      ...located(node),
      ...optional('name', childText(node, 'Name')),
      ...optional('description', childText(node, 'Description')),
      roleTypes,
    };
  };
  const stakeholder = (node: ElementNode): Stakeholder => ({
    ...located(node),
    ...optional('name', childText(node, 'Name')),
    ...optional('description', childText(node, 'Description')),
    ...optional(
      'stakeholderType',
      enumerated(node, 'StakeholderTypeType', ['Person', 'Organization', 'Generic_Group']),
    ),
    roles: children(node, 'Role').map(role),
  });
  const result = (node: ElementNode): Result => {
    const descriptor = child(node, 'Descriptor');
    const units = child(node, 'NumberOfUnits');
    let numberOfUnits = text(units);
    if (numberOfUnits !== undefined && units && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(numberOfUnits)) {
      warn(units.path, units.line, `"${numberOfUnits}" is not a decimal number: ignored`);
      numberOfUnits = undefined;
    }
    const descriptorName = descriptor ? childText(descriptor, 'DescriptorName') : undefined;
    const descriptorValue = descriptor ? childText(descriptor, 'DescriptorValue') : undefined;
    return {
      ...optional('startDate', date(node, 'StartDate')),
      ...optional('endDate', date(node, 'EndDate')),
      ...optional('numberOfUnits', numberOfUnits),
      ...(descriptorName !== undefined || descriptorValue !== undefined
        ? {
            descriptor: {
              ...optional('name', descriptorName),
              ...optional('value', descriptorValue),
            },
          }
        : {}),
      ...optional('description', childText(node, 'Description')),
    };
  };
  const measurement = (node: ElementNode): MeasurementInstance => ({
    targets: children(node, 'TargetResult').map(result),
    actuals: children(node, 'ActualResult').map(result),
  });
  const relationship = (node: ElementNode): Relationship => ({
    ...located(node),
    ...optional('identifier', childText(node, 'Identifier')),
    referentIdentifiers: children(node, 'ReferentIdentifier')
      .map(text)
      .filter((value): value is string => value !== undefined),
    ...optional('name', childText(node, 'Name')),
    ...optional('description', childText(node, 'Description')),
    ...optional(
      'relationshipType',
      enumerated(node, 'RelationshipType', ['Broader_Than', 'Peer_To', 'Narrower_Than']),
    ),
  });
  const indicator = (node: ElementNode): PerformanceIndicator => ({
    ...located(node),
    ...optional('sequenceIndicator', childText(node, 'SequenceIndicator')),
    ...optional('measurementDimension', childText(node, 'MeasurementDimension')),
    ...optional('unitOfMeasurement', childText(node, 'UnitOfMeasurement')),
    ...optional('identifier', childText(node, 'Identifier')),
    relationships: children(node, 'Relationship').map(relationship),
    measurements: children(node, 'MeasurementInstance').map(measurement),
    ...optional('otherInformation', childText(node, 'OtherInformation')),
    ...optional(
      'indicatorType',
      enumerated(node, 'PerformanceIndicatorType', ['Quantitative', 'Qualitative']),
    ),
    ...optional(
      'valueChainStage',
      enumerated(node, 'ValueChainStage', [
        'Outcome',
        'Output_Processing',
        'Output',
        'Input_Processing',
        'Input',
      ]),
    ),
    stakeholders: children(node, 'Stakeholder').map(stakeholder),
  });
  const planElement = (node: ElementNode): PlanElement => ({
    ...located(node),
    ...optional('name', childText(node, 'Name')),
    ...optional('description', childText(node, 'Description')),
    ...optional('identifier', childText(node, 'Identifier')),
    ...optional('sequenceIndicator', childText(node, 'SequenceIndicator')),
    stakeholders: children(node, 'Stakeholder').map(stakeholder),
    ...optional('otherInformation', childText(node, 'OtherInformation')),
  });
  const objective = (node: ElementNode): Objective => ({
    ...planElement(node),
    indicators: children(node, 'PerformanceIndicator').map(indicator),
  });
  const goal = (node: ElementNode): Goal => ({
    ...planElement(node),
    objectives: children(node, 'Objective').map(objective),
  });
  const organization = (node: ElementNode): Organization => ({
    ...located(node),
    ...optional('name', childText(node, 'Name')),
    ...optional('acronym', childText(node, 'Acronym')),
    ...optional('identifier', childText(node, 'Identifier')),
    ...optional('description', childText(node, 'Description')),
    stakeholders: children(node, 'Stakeholder').map(stakeholder),
  });
  const value = (node: ElementNode): ValueStatement => ({
    ...located(node),
    ...optional('name', childText(node, 'Name')),
    ...optional('description', childText(node, 'Description')),
  });

  let type: DocumentType = 'Strategic_Plan';
  if (root.name === 'PerformancePlanOrReport') {
    const declared = root.attributes.get('Type')?.trim();
    if (declared && (DOCUMENT_TYPES as readonly string[]).includes(declared)) type = declared as DocumentType;
    else
      warn(
        root.path,
        root.line,
        declared
          ? `Type="${declared}" is not one of ${DOCUMENT_TYPES.join(', ')}: read as a Strategic_Plan`
          : 'no Type attribute: read as a Strategic_Plan',
      );
  }
  const core = child(root, 'StrategicPlanCore');
  const admin = child(root, 'AdministrativeInformation');
  const administrativeInformation: AdministrativeInformation | undefined = admin
    ? {
        ...optional('identifier', childText(admin, 'Identifier')),
        ...optional('startDate', date(admin, 'StartDate')),
        ...optional('endDate', date(admin, 'EndDate')),
        ...optional('publicationDate', date(admin, 'PublicationDate')),
        ...optional('source', childText(admin, 'Source')),
      }
    : undefined;
  const visionNode = core ? child(core, 'Vision') : undefined;
  const missionNode = core ? child(core, 'Mission') : undefined;
  return {
    ...located(root),
    root: root.name as StratmlDocument['root'],
    type,
    ...optional('name', childText(root, 'Name')),
    ...optional('description', childText(root, 'Description')),
    ...optional('otherInformation', childText(root, 'OtherInformation')),
    organizations: core ? children(core, 'Organization').map(organization) : [],
    ...optional('vision', visionNode ? childText(visionNode, 'Description') : undefined),
    ...optional('mission', missionNode ? childText(missionNode, 'Description') : undefined),
    values: core ? children(core, 'Value').map(value) : [],
    goals: core ? children(core, 'Goal').map(goal) : [],
    ...optional('administrativeInformation', administrativeInformation),
  };
}
