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
  const warn: Warn = (path, line, message) => {
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

/**
 * The document's element tree, read in one pass: the parser's events go to a TreeBuilder, which
 * keeps what the content model knows and warns of the rest; the parser's own errors become
 * InvalidInputErrors naming the file.
 */
function parseTree(text: string, file: string, warn: Warn): ElementNode {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const builder = new TreeBuilder(file, warn);
  parser.on('doctype', () => {
    throw problem('doctype', 'the document has a DOCTYPE declaration; it is refused', file);
  });
  parser.on('opentag', (tag: SaxesTagNS) => builder.open(tag, parser.line));
  const onText = (value: string) => builder.text(value);
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => builder.close());

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const message = (error as Error).message.replace(`${file}:`, '');
    throw problem('xml', `not well-formed XML: ${message}`, file);
  }
  if (!builder.root) throw problem('xml', 'not well-formed XML: no root element', file);
  return builder.root;
}

/**
 * Builds the element tree from the parser's events, one frame per open element. What the content
 * model does not know (another namespace, an element out of place, one too many) is warned of and
 * its subtree ignored; markup inside a text element is skipped but its text kept.
 */
class TreeBuilder {
  root: ElementNode | undefined;
  private readonly stack: Frame[] = [];
  private rootNamespace = '';

  constructor(
    private readonly file: string,
    private readonly warn: Warn,
  ) {}

  open(tag: SaxesTagNS, line: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length >= MAX_DEPTH)
      throw problem('depth', `elements are nested deeper than ${MAX_DEPTH} levels (line ${line})`, this.file);
    if (!parent) {
      this.openRoot(tag, line);
      return;
    }
    // Below ignored markup or inside a text element: only text is of interest.
    if (parent.ignored || parent.textOwner) {
      if (parent.node && parent.node === parent.textOwner) parent.markup = true;
      this.stack.push({ ...emptyFrame(), ignored: true, textOwner: parent.textOwner });
      return;
    }
    this.openChild(parent, parent.node as ElementNode, tag, line);
  }

  text(value: string): void {
    const owner = this.stack[this.stack.length - 1]?.textOwner;
    if (!owner || owner.textCut) return;
    owner.text += value;
    if (owner.text.length > MAX_TEXT) {
      owner.text = owner.text.slice(0, MAX_TEXT);
      owner.textCut = true;
    }
  }

  /** An element is complete: say what was skipped inside it and which required children it lacks. */
  close(): void {
    const frame = this.stack.pop();
    const node = frame?.node;
    if (!frame || !node) return;
    if (frame.markup)
      this.warn(node.path, node.line, `markup inside <${node.name}> ignored; its text is kept`);
    for (const rule of CONTENT_MODEL[node.name] ?? []) {
      if (rule.min > 0 && (frame.counts.get(rule.name) ?? 0) === 0)
        this.warn(node.path, node.line, `<${node.name}> has no <${rule.name}>, which the schema requires`);
    }
  }

  /** The root must be a StratML plan; its namespace is the one its elements are expected in. */
  private openRoot(tag: SaxesTagNS, line: number): void {
    if (tag.local !== 'PerformancePlanOrReport' && tag.local !== 'StrategicPlan')
      throw problem(
        'kind',
        `the root element is <${tag.name}>${tag.uri ? ` in namespace ${tag.uri}` : ''}: a StratML plan's is <PerformancePlanOrReport> (Part 2) or <StrategicPlan> (Part 1)`,
        this.file,
      );
    this.rootNamespace = tag.uri;
    const path = `/${tag.local}`;
    if (!STRATML_NAMESPACES.has(tag.uri))
      this.warn(
        path,
        line,
        `namespace ${tag.uri} is not StratML's (${STRATML_NAMESPACE}); read by element names`,
      );
    this.root = newNode(tag, path, line, this.warn);
    this.stack.push(frameFor(this.root, false, undefined));
  }

  /** A child of a kept element: kept if the content model places it there, else ignored with a warning. */
  private openChild(parent: Frame, parentNode: ElementNode, tag: SaxesTagNS, line: number): void {
    const name = tag.local;
    const count = (parent.counts.get(name) ?? 0) + 1;
    parent.counts.set(name, count);
    const model = CONTENT_MODEL[parentNode.name] ?? [];
    const position = model.findIndex((rule) => rule.name === name);
    const rule = model[position];
    const repeatable = rule ? rule.max > 1 : true;
    const path = `${parentNode.path}/${name}${repeatable ? `[${count}]` : ''}`;
    const ignored = this.ignoredBecause(tag, parentNode, rule, count);
    if (ignored !== undefined) {
      this.warn(path, line, ignored);
      this.stack.push({ ...emptyFrame(), ignored: true });
      return;
    }
    if (!rule)
      this.warn(path, line, `<${name}> is not part of <${parentNode.name}> in the schema; read anyway`);
    else if (position < parent.furthest)
      this.warn(path, line, `<${name}> is out of schema order: it belongs before <${parent.furthestName}>`);
    else {
      parent.furthest = position;
      parent.furthestName = name;
    }
    const node = newNode(tag, path, line, this.warn);
    parentNode.children.push(node);
    this.stack.push(frameFor(node, false, rule && TEXT_ELEMENTS.has(name) ? node : undefined));
  }

  /**
   * Why a child is ignored (another namespace, not allowed or tolerated in its parent, one too
   * many), or undefined when it is read.
   */
  private ignoredBecause(
    tag: SaxesTagNS,
    parentNode: ElementNode,
    rule: { readonly max: number } | undefined,
    count: number,
  ): string | undefined {
    const name = tag.local;
    if (
      tag.uri !== this.rootNamespace &&
      !(STRATML_NAMESPACES.has(tag.uri) && STRATML_NAMESPACES.has(this.rootNamespace))
    )
      return `<${tag.name}> is in namespace ${tag.uri || '(none)'}, not the document's: ignored`;
    if (!rule) {
      if ((TOLERATED_CHILDREN[parentNode.name] ?? []).includes(name)) return undefined;
      return CONTENT_MODEL[name] || TEXT_ELEMENTS.has(name)
        ? `<${name}> does not belong in <${parentNode.name}>: ignored`
        : `<${name}> is not a StratML element: ignored`;
    }
    if (count > rule.max)
      return `<${parentNode.name}> may hold ${rule.max === 1 ? 'one' : `at most ${rule.max}`} <${name}>: this one is ignored`;
    return undefined;
  }
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

function newNode(tag: SaxesTagNS, path: string, line: number, warn: Warn): ElementNode {
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

/** An element's text, whitespace collapsed; undefined when it has none. */
function textOf(node: ElementNode | undefined): string | undefined {
  if (!node) return undefined;
  const normalised = node.text.replace(/\s+/g, ' ').trim();
  return normalised === '' ? undefined : normalised;
}
const child = (node: ElementNode, name: string) => node.children.find((entry) => entry.name === name);
const children = (node: ElementNode, name: string) => node.children.filter((entry) => entry.name === name);
const childText = (node: ElementNode, name: string) => textOf(child(node, name));
const located = (node: ElementNode) => ({ path: node.path, line: node.line });
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** Gives the element tree its meaning as a StratML document. */
function interpret(root: ElementNode, warn: Warn): StratmlDocument {
  return new StratmlInterpreter(warn).document(root);
}

/**
 * One method per StratML element kind, each building its part of the document from the element's
 * children; a value the schema does not allow (an unknown enumeration, a malformed date or number)
 * is warned of and left out. Fields are read in the order the document type lists them, which is
 * also the order their warnings come in.
 */
class StratmlInterpreter {
  constructor(private readonly warn: Warn) {}

  document(root: ElementNode): StratmlDocument {
    const type = this.documentType(root);
    const core = child(root, 'StrategicPlanCore');
    const admin = child(root, 'AdministrativeInformation');
    const administrativeInformation = admin ? this.administrativeInformation(admin) : undefined;
    const visionNode = core ? child(core, 'Vision') : undefined;
    const missionNode = core ? child(core, 'Mission') : undefined;
    return {
      ...located(root),
      root: root.name as StratmlDocument['root'],
      type,
      ...optional('name', childText(root, 'Name')),
      ...optional('description', childText(root, 'Description')),
      ...optional('otherInformation', childText(root, 'OtherInformation')),
      organizations: core ? children(core, 'Organization').map((node) => this.organization(node)) : [],
      ...optional('vision', visionNode ? childText(visionNode, 'Description') : undefined),
      ...optional('mission', missionNode ? childText(missionNode, 'Description') : undefined),
      values: core ? children(core, 'Value').map(value) : [],
      goals: core ? children(core, 'Goal').map((node) => this.goal(node)) : [],
      ...optional('administrativeInformation', administrativeInformation),
    };
  }

  /** A Part 2 document says its Type; a Part 1 StrategicPlan (or a Type not understood) is a Strategic_Plan. */
  private documentType(root: ElementNode): DocumentType {
    if (root.name !== 'PerformancePlanOrReport') return 'Strategic_Plan';
    const declared = root.attributes.get('Type')?.trim();
    if (declared && (DOCUMENT_TYPES as readonly string[]).includes(declared)) return declared as DocumentType;
    this.warn(
      root.path,
      root.line,
      declared
        ? `Type="${declared}" is not one of ${DOCUMENT_TYPES.join(', ')}: read as a Strategic_Plan`
        : 'no Type attribute: read as a Strategic_Plan',
    );
    return 'Strategic_Plan';
  }

  private administrativeInformation(admin: ElementNode): AdministrativeInformation {
    return {
      ...optional('identifier', childText(admin, 'Identifier')),
      ...optional('startDate', this.date(admin, 'StartDate')),
      ...optional('endDate', this.date(admin, 'EndDate')),
      ...optional('publicationDate', this.date(admin, 'PublicationDate')),
      ...optional('source', childText(admin, 'Source')),
    };
  }

  private organization(node: ElementNode): Organization {
    return {
      ...located(node),
      ...optional('name', childText(node, 'Name')),
      ...optional('acronym', childText(node, 'Acronym')),
      ...optional('identifier', childText(node, 'Identifier')),
      ...optional('description', childText(node, 'Description')),
      stakeholders: this.stakeholders(node),
    };
  }

  private goal(node: ElementNode): Goal {
    return {
      ...this.planElement(node),
      objectives: children(node, 'Objective').map((entry) => this.objective(entry)),
    };
  }

  private objective(node: ElementNode): Objective {
    return {
      ...this.planElement(node),
      indicators: children(node, 'PerformanceIndicator').map((entry) => this.indicator(entry)),
    };
  }

  /** What goals and objectives share. */
  private planElement(node: ElementNode): PlanElement {
    return {
      ...located(node),
      ...optional('name', childText(node, 'Name')),
      ...optional('description', childText(node, 'Description')),
      ...optional('identifier', childText(node, 'Identifier')),
      ...optional('sequenceIndicator', childText(node, 'SequenceIndicator')),
      stakeholders: this.stakeholders(node),
      ...optional('otherInformation', childText(node, 'OtherInformation')),
    };
  }

  private indicator(node: ElementNode): PerformanceIndicator {
    return {
      ...located(node),
      ...optional('sequenceIndicator', childText(node, 'SequenceIndicator')),
      ...optional('measurementDimension', childText(node, 'MeasurementDimension')),
      ...optional('unitOfMeasurement', childText(node, 'UnitOfMeasurement')),
      ...optional('identifier', childText(node, 'Identifier')),
      relationships: children(node, 'Relationship').map((entry) => this.relationship(entry)),
      measurements: children(node, 'MeasurementInstance').map((entry) => this.measurement(entry)),
      ...optional('otherInformation', childText(node, 'OtherInformation')),
      ...optional('indicatorType', this.enumerated(node, 'PerformanceIndicatorType', INDICATOR_TYPES)),
      ...optional('valueChainStage', this.enumerated(node, 'ValueChainStage', VALUE_CHAIN_STAGES)),
      stakeholders: this.stakeholders(node),
    };
  }

  private relationship(node: ElementNode): Relationship {
    return {
      ...located(node),
      ...optional('identifier', childText(node, 'Identifier')),
      referentIdentifiers: children(node, 'ReferentIdentifier')
        .map(textOf)
        .filter((value): value is string => value !== undefined),
      ...optional('name', childText(node, 'Name')),
      ...optional('description', childText(node, 'Description')),
      ...optional('relationshipType', this.enumerated(node, 'RelationshipType', RELATIONSHIP_TYPES)),
    };
  }

  private measurement(node: ElementNode): MeasurementInstance {
    return {
      targets: children(node, 'TargetResult').map((entry) => this.result(entry)),
      actuals: children(node, 'ActualResult').map((entry) => this.result(entry)),
    };
  }

  private result(node: ElementNode): Result {
    const descriptor = child(node, 'Descriptor');
    const units = child(node, 'NumberOfUnits');
    let numberOfUnits = textOf(units);
    if (numberOfUnits !== undefined && units && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(numberOfUnits)) {
      this.warn(units.path, units.line, `"${numberOfUnits}" is not a decimal number: ignored`);
      numberOfUnits = undefined;
    }
    const descriptorName = descriptor ? childText(descriptor, 'DescriptorName') : undefined;
    const descriptorValue = descriptor ? childText(descriptor, 'DescriptorValue') : undefined;
    return {
      ...optional('startDate', this.date(node, 'StartDate')),
      ...optional('endDate', this.date(node, 'EndDate')),
      ...optional('numberOfUnits', numberOfUnits),
      ...(descriptorName !== undefined || descriptorValue !== undefined
        ? { descriptor: { ...optional('name', descriptorName), ...optional('value', descriptorValue) } }
        : {}),
      ...optional('description', childText(node, 'Description')),
    };
  }

  private stakeholders(node: ElementNode): Stakeholder[] {
    return children(node, 'Stakeholder').map((entry) => this.stakeholder(entry));
  }

  private stakeholder(node: ElementNode): Stakeholder {
    return {
      ...located(node),
      ...optional('name', childText(node, 'Name')),
      ...optional('description', childText(node, 'Description')),
      ...optional('stakeholderType', this.enumerated(node, 'StakeholderTypeType', STAKEHOLDER_TYPES)),
      roles: children(node, 'Role').map((entry) => this.role(entry)),
    };
  }

  private role(node: ElementNode): Role {
    const roleTypes: string[] = [];
    for (const entry of children(node, 'RoleType')) {
      const value = textOf(entry);
      if (value === undefined) continue;
      const known = ['Performer', 'Beneficiary'].find((type) => type.toLowerCase() === value.toLowerCase());
      if (known) roleTypes.push(known);
      else
        this.warn(
          entry.path,
          entry.line,
          `RoleType "${value}" is neither Performer nor Beneficiary: ignored`,
        );
    }
    return {
      ...located(node),
      ...optional('name', childText(node, 'Name')),
      ...optional('description', childText(node, 'Description')),
      roleTypes,
    };
  }

  /** An attribute with an enumerated value: undefined when absent or not one of the allowed values. */
  private enumerated(node: ElementNode, attribute: string, allowed: readonly string[]): string | undefined {
    const value = node.attributes.get(attribute)?.trim();
    if (value === undefined || value === '') return undefined;
    if (allowed.includes(value)) return value;
    this.warn(node.path, node.line, `${attribute}="${value}" is not one of ${allowed.join(', ')}: ignored`);
    return undefined;
  }

  /** A child element holding a date (YYYY-MM-DD); undefined when absent or not a real date. */
  private date(node: ElementNode, name: string): string | undefined {
    const element = child(node, name);
    const value = textOf(element);
    if (value === undefined || !element) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
    this.warn(element.path, element.line, `"${value}" is not a date (YYYY-MM-DD): ignored`);
    return undefined;
  }
}

const STAKEHOLDER_TYPES = ['Person', 'Organization', 'Generic_Group'];
const RELATIONSHIP_TYPES = ['Broader_Than', 'Peer_To', 'Narrower_Than'];
const INDICATOR_TYPES = ['Quantitative', 'Qualitative'];
const VALUE_CHAIN_STAGES = ['Outcome', 'Output_Processing', 'Output', 'Input_Processing', 'Input'];

function value(node: ElementNode): ValueStatement {
  return {
    ...located(node),
    ...optional('name', childText(node, 'Name')),
    ...optional('description', childText(node, 'Description')),
  };
}
