import type { ArtifactType, StructureTag } from './structure-tags';

/**
 * A content node as pdfmake holds it while laying out (its own properties plus what pdfmake adds:
 * `_span` on cells a span covers, `listMarker` on list items, `_table` and `_items` on a toc).
 */
export interface LaidOutNode {
  readonly text?: unknown;
  readonly style?: unknown;
  readonly headlineLevel?: unknown;
  /** Listed in a table of contents: `true` or a toc's id as given, a list of toc ids once pdfmake has read it. */
  readonly tocItem?: unknown;
  readonly tag?: StructureTag;
  readonly stack?: readonly LaidOutNode[];
  readonly columns?: readonly LaidOutNode[];
  readonly ul?: readonly LaidOutNode[];
  readonly ol?: readonly LaidOutNode[];
  readonly type?: string;
  readonly table?: { readonly body: readonly (readonly LaidOutNode[])[]; readonly headerRows?: number };
  readonly toc?: { readonly _table?: LaidOutNode; readonly title?: LaidOutNode | null };
  readonly svg?: unknown;
  readonly image?: unknown;
  readonly canvas?: unknown;
  readonly qr?: unknown;
  readonly colSpan?: number;
  readonly rowSpan?: number;
  readonly _span?: boolean;
  readonly listMarker?: { readonly _inlines?: readonly unknown[] };
}

/** The chain of nodes pdfmake was laying out when it made an item: the item's node and its ancestors. */
export interface LayoutFrame {
  readonly node: LaidOutNode;
  readonly parent: LayoutFrame | undefined;
}

/** What one node contributes to the structure tree, read from where it sits and what it is. */
export type StructureStep =
  | { readonly kind: 'group' }
  | { readonly kind: 'artifact'; readonly type: ArtifactType }
  | { readonly kind: 'heading'; readonly node: LaidOutNode; readonly level: number }
  | { readonly kind: 'paragraph'; readonly node: LaidOutNode }
  /** Text with no role of its own: a paragraph, unless it sits in an element that holds text (a cell, a list body). */
  | { readonly kind: 'text'; readonly node: LaidOutNode }
  | { readonly kind: 'figure'; readonly node: LaidOutNode; readonly alt: string | undefined }
  | { readonly kind: 'table'; readonly node: LaidOutNode; readonly rowHeaders: boolean }
  | { readonly kind: 'cell'; readonly table: LaidOutNode; readonly cell: LaidOutNode }
  | { readonly kind: 'list'; readonly node: LaidOutNode; readonly numbering: ListNumbering }
  | { readonly kind: 'listItem'; readonly node: LaidOutNode }
  | { readonly kind: 'toc'; readonly node: LaidOutNode }
  | { readonly kind: 'tocEntry'; readonly toc: LaidOutNode; readonly row: readonly LaidOutNode[] }
  | { readonly kind: 'caption'; readonly node: LaidOutNode };

export type ListNumbering =
  | 'Disc'
  | 'Circle'
  | 'Square'
  | 'None'
  | 'Decimal'
  | 'UpperRoman'
  | 'LowerRoman'
  | 'UpperAlpha'
  | 'LowerAlpha';

const GROUP: StructureStep = { kind: 'group' };
const HEADING_STYLE = /^h([1-6])$/;

/**
 * The structure steps of one node, outermost first: where it sits (a table cell, a list item, a
 * table-of-contents entry) and then what it is. Cached per node: a node has one parent.
 */
export function structureSteps(frame: LayoutFrame): readonly StructureStep[] {
  let steps = cache.get(frame.node);
  if (steps === undefined) {
    const position = positionStep(frame);
    const own = ownStep(frame.node);
    // A node placed as a group (the table pdfmake builds for a table of contents) is nothing itself.
    if (position === undefined) steps = [own];
    else
      steps =
        position === GROUP || own.kind === 'group' || own.kind === 'text' ? [position] : [position, own];
    cache.set(frame.node, steps);
  }
  return steps;
}

const cache = new WeakMap<LaidOutNode, readonly StructureStep[]>();
const cellsOf = new WeakMap<LaidOutNode, ReadonlyMap<LaidOutNode, readonly LaidOutNode[]>>();

/** Each cell of a table, with the row it is in. */
function tableCells(table: LaidOutNode): ReadonlyMap<LaidOutNode, readonly LaidOutNode[]> {
  let cells = cellsOf.get(table);
  if (cells === undefined) {
    const map = new Map<LaidOutNode, readonly LaidOutNode[]>();
    for (const row of table.table?.body ?? []) for (const cell of row) map.set(cell, row);
    cells = map;
    cellsOf.set(table, cells);
  }
  return cells;
}

function positionStep({ node, parent }: LayoutFrame): StructureStep | undefined {
  if (parent === undefined) return undefined;
  const container = parent.node;
  if (container.table) {
    const row = tableCells(container).get(node);
    if (row === undefined) return undefined;
    const toc = parent.parent?.node;
    return toc?.toc?._table === container
      ? { kind: 'tocEntry', toc, row }
      : { kind: 'cell', table: container, cell: node };
  }
  if (container.toc) {
    if (node === container.toc._table) return GROUP;
    if (node === container.toc.title) return { kind: 'caption', node };
  }
  if ((container.ul ?? container.ol)?.includes(node)) return { kind: 'listItem', node };
  return undefined;
}

function ownStep(node: LaidOutNode): StructureStep {
  const tag = node.tag;
  if (tag?.role === 'Artifact') return { kind: 'artifact', type: tag.type };
  if (tag?.role === 'Figure') return { kind: 'figure', node, alt: tag.alt };
  const level = headingLevel(node);
  if (level !== undefined) return { kind: 'heading', node, level };
  if (tag?.role === 'P') return { kind: 'paragraph', node };
  if (node.table) return { kind: 'table', node, rowHeaders: tag?.role === 'Table' ? tag.rowHeaders : true };
  if (node.ul) return { kind: 'list', node, numbering: bulletNumbering(node.type) };
  if (node.ol) return { kind: 'list', node, numbering: orderedNumbering(node.type) };
  if (node.toc) return { kind: 'toc', node };
  if (
    node.svg !== undefined ||
    node.image !== undefined ||
    node.canvas !== undefined ||
    node.qr !== undefined
  )
    return { kind: 'figure', node, alt: undefined };
  if (node.text !== undefined) return { kind: 'text', node };
  return GROUP;
}

/** A heading: pdfmake's own `headlineLevel`, or (for content built without the heading block) an `h1`–`h6` style. */
export function headingLevel(node: LaidOutNode): number | undefined {
  if (typeof node.headlineLevel === 'number' && node.headlineLevel >= 1 && node.headlineLevel <= 6)
    return node.headlineLevel;
  if (node.text === undefined) return undefined;
  const styles = Array.isArray(node.style) ? node.style : [node.style];
  for (const style of styles) {
    const match = typeof style === 'string' ? HEADING_STYLE.exec(style) : null;
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Whether a table of contents lists the node (pdfmake's `tocItem`, before or after pdfmake reads it). */
export function listedInContents(node: LaidOutNode): boolean {
  const { tocItem } = node;
  return tocItem === true || typeof tocItem === 'string' || (Array.isArray(tocItem) && tocItem.length > 0);
}

function bulletNumbering(type: string | undefined): ListNumbering {
  if (type === 'circle') return 'Circle';
  if (type === 'square') return 'Square';
  if (type === 'none') return 'None';
  return 'Disc';
}

function orderedNumbering(type: string | undefined): ListNumbering {
  if (type === 'lower-alpha') return 'LowerAlpha';
  if (type === 'upper-alpha') return 'UpperAlpha';
  if (type === 'lower-roman') return 'LowerRoman';
  if (type === 'upper-roman') return 'UpperRoman';
  if (type === 'none') return 'None';
  return 'Decimal';
}

/** The plain text of a node's `text` (a string, or nested arrays of strings and text objects). */
export function plainText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'number') return String(text);
  if (Array.isArray(text)) return text.map(plainText).join('');
  if (text !== null && typeof text === 'object' && 'text' in text) return plainText(text.text);
  return '';
}
