import {
  type AnnotationOptions,
  addAttributes,
  addOutlineItem,
  beforeEachNewPage,
  beforeEachText,
  closeOutlineItem,
  decorateLinkAnnotations,
  type PdfKitOutlineItem,
  type PdfKitStructureElement,
  type StructureElementOptions,
  type TaggablePdfKitDocument,
} from './pdfkit-tagging';
import type { InlineText, ItemKind, PageItem, PageItemTagger } from './pdfmake-structure-hooks';
import {
  type LaidOutNode,
  type LayoutFrame,
  listedInContents,
  plainText,
  type StructureStep,
  structureSteps,
} from './structure-roles';
import type { ArtifactType } from './structure-tags';

interface Element {
  readonly pdf: PdfKitStructureElement;
  readonly role: string;
}
interface LinkElement extends Element {
  /** The link's text, for its annotations' /Contents (PDF/UA wants every link described). */
  readonly description: string;
}
interface Artifact {
  readonly artifact: ArtifactType;
}
type Target = Element | Artifact;
interface ListItemElements {
  readonly label: Element | undefined;
  readonly body: Element;
}
/** A line with links being drawn: each of its inlines is drawn with one text() call, in order. */
interface LineWithLinks {
  readonly inlines: readonly InlineText[];
  readonly holder: Element;
  next: number;
}

const ARTIFACTS: Readonly<Record<ArtifactType, Artifact>> = {
  Pagination: { artifact: 'Pagination' },
  Layout: { artifact: 'Layout' },
  Page: { artifact: 'Page' },
  Background: { artifact: 'Background' },
};
const isArtifact = (target: Target): target is Artifact => 'artifact' in target;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const linkOf = (inline: InlineText | undefined): string | undefined => {
  if (inline?.linkToDestination != null) return `#${inline.linkToDestination}`;
  if (inline?.link != null) return String(inline.link);
  if (inline?.linkToPage != null) return `page ${inline.linkToPage}`;
  return undefined;
};

/**
 * Builds one document's structure tree as pdfmake draws it (see pdfmake-structure-hooks.ts), in
 * reading order, which is pdfmake's drawing order: each page item is classified by the chain of
 * content nodes it came from (structure-roles.ts); its structure element — and that element's
 * ancestors — is created the first time content for it is drawn, under the Document element; then
 * the item is drawn inside marked content belonging to that element, or inside an Artifact.
 * Consecutive items of one element share one marked-content sequence.
 *
 * The headings the table of contents lists (pdfmake's `tocItem`) also become bookmarks, nested
 * as the headings are: the outline is the contents, opening at each heading.
 */
export class StructureWriter implements PageItemTagger {
  private readonly root: Element;
  private readonly elements = new Map<object, Element>();
  private readonly cells = new Map<object, Element>();
  private readonly listItems = new Map<object, ListItemElements>();
  /** Lines already drawn, by their inlines (a repeated table header row is a copy sharing them). */
  private readonly drawnLines = new WeakSet<object>();
  /** The links of the current page: an annotation's structure parent must be written while its page is current. */
  private links = new Map<Element, Map<string, LinkElement>>();
  private marking: Target | undefined;
  private line: LineWithLinks | undefined;
  /** The headings the next one may nest under, outermost first: its level as drawn and as tagged, its bookmark. */
  private readonly headings: {
    readonly drawn: number;
    readonly tagged: number;
    readonly bookmark?: PdfKitOutlineItem;
  }[] = [];
  private readonly bookmarks: PdfKitOutlineItem[] = [];

  constructor(private readonly pdf: TaggablePdfKitDocument) {
    const root = pdf.struct('Document');
    pdf.addStructure(root);
    this.root = { pdf: root, role: 'Document' };
    beforeEachNewPage(pdf, () => this.endPage());
    beforeEachText(pdf, () => this.beforeText());
    decorateLinkAnnotations(pdf, (options) => this.describeLink(options));
  }

  beforeItem(kind: ItemKind, item: PageItem, frame: LayoutFrame | undefined): void {
    this.line = undefined;
    const target = this.targetOf(kind, item, frame);
    const inlines = item.inlines ?? [];
    if (kind === 'line' && !isArtifact(target) && inlines.some((inline) => linkOf(inline) !== undefined)) {
      this.line = { inlines, holder: target, next: 0 };
      // pdfmake sets each inline's colour (and a highlight) before its text(): open the first one's now.
      this.mark(this.inlineTarget(this.line, 0));
    } else this.mark(target);
  }

  afterItem(): void {
    this.line = undefined;
  }

  beforeOtherItem(): void {
    this.mark(undefined);
  }

  finish(): void {
    this.endPage();
    for (const bookmark of this.bookmarks) closeOutlineItem(bookmark);
  }

  private targetOf(kind: ItemKind, item: PageItem, frame: LayoutFrame | undefined): Target {
    // pdfmake draws nothing outside a node but page backgrounds and watermarks: decoration.
    if (frame === undefined) return ARTIFACTS.Layout;
    const chain: LayoutFrame[] = [];
    for (let current: LayoutFrame | undefined = frame; current !== undefined; current = current.parent)
      chain.unshift(current);
    let inFigure = false;
    for (const link of chain)
      for (const step of structureSteps(link)) {
        if (step.kind === 'artifact') return ARTIFACTS[step.type];
        if (step.kind === 'figure') inFigure = true;
      }
    if (kind === 'line') {
      const inlines = item.inlines ?? [];
      if (this.drawnLines.has(inlines)) return ARTIFACTS.Pagination;
      this.drawnLines.add(inlines);
      if (inlines.every((inline) => inline.text.trim() === '')) return ARTIFACTS.Layout;
    } else if (kind === 'vector' && !inFigure) {
      // Table rules, cell fills, list bullets: what the structure already says.
      return ARTIFACTS.Layout;
    }
    return this.holderFor(chain, kind, item) ?? ARTIFACTS.Layout;
  }

  /** The element whose content the item is, creating it and its ancestors on first use. */
  private holderFor(chain: readonly LayoutFrame[], kind: ItemKind, item: PageItem): Element | undefined {
    let container = this.root;
    let holder: Element | undefined;
    for (const frame of chain)
      for (const step of structureSteps(frame)) {
        switch (step.kind) {
          case 'group':
          case 'artifact':
            break;
          case 'heading':
            holder = container = this.once(step.node, () =>
              this.heading(container, step.level, step.node, item),
            );
            break;
          case 'paragraph':
            holder = container = this.once(step.node, () => this.child(container, 'P'));
            break;
          case 'text':
            if (holder === undefined)
              holder = container = this.once(step.node, () => this.child(container, 'P'));
            break;
          case 'caption':
            holder = container = this.once(step.node, () => this.child(container, 'Caption'));
            break;
          case 'figure':
            holder = container = this.once(step.node, () => this.figure(container, step, kind, item));
            break;
          case 'table':
            container = this.once(step.node, () => this.table(container, step));
            holder = undefined;
            break;
          case 'cell':
            holder = container = this.cellOf(step.cell);
            break;
          case 'list':
            container = this.once(step.node, () => this.list(container, step));
            holder = undefined;
            break;
          case 'listItem': {
            const parts = this.listItem(container, step.node);
            const marker = step.node.listMarker?._inlines?.[0];
            if (parts.label && kind === 'line' && item.inlines?.length === 1 && item.inlines[0] === marker)
              return parts.label;
            holder = container = parts.body;
            break;
          }
          case 'toc':
            container = this.once(step.node, () => this.child(container, 'TOC'));
            holder = undefined;
            break;
          case 'tocEntry':
            // ISO 32000-1 Table 333: a TOCI holds Reference (not Link), which holds the Link.
            holder = container = this.once(step.row, () =>
              this.child(this.child(container, 'TOCI'), 'Reference'),
            );
            break;
        }
      }
    return holder;
  }

  private once(key: object, make: () => Element): Element {
    let element = this.elements.get(key);
    if (element === undefined) {
      element = make();
      this.elements.set(key, element);
    }
    return element;
  }

  private child(parent: Element, role: string, options?: StructureElementOptions): Element {
    const pdf = this.pdf.struct(role, options);
    parent.pdf.add(pdf);
    return { pdf, role };
  }

  /**
   * A heading, nested under the last heading drawn at a higher level, one tagged level below it:
   * levels as drawn may skip (a section title, then a level-3 sub-heading), tagged levels do not
   * (PDF/UA, Matterhorn 14-003), and headings drawn alike stay siblings. A heading listed in the
   * contents gets a bookmark, under the bookmark of the nearest heading above it that has one.
   */
  private heading(container: Element, level: number, node: LaidOutNode, item: PageItem): Element {
    while ((this.headings.at(-1)?.drawn ?? 0) >= level) this.headings.pop();
    const parent = this.headings.at(-1);
    const tagged = (parent?.tagged ?? 0) + 1;
    const element = this.child(container, `H${tagged}`);
    const page = this.pdf.page;
    const above = this.headings.findLast((heading) => heading.bookmark !== undefined)?.bookmark;
    const bookmark =
      page === null || !listedInContents(node)
        ? undefined
        : addOutlineItem(above ?? this.pdf.outline, oneLine(plainText(node.text)), page, item.y);
    if (bookmark) this.bookmarks.push(bookmark);
    this.headings.push({ drawn: level, tagged, ...(bookmark ? { bookmark } : {}) });
    return element;
  }

  private figure(
    container: Element,
    step: Extract<StructureStep, { kind: 'figure' }>,
    kind: ItemKind,
    item: PageItem,
  ): Element {
    const alt = oneLine(step.alt ?? '');
    if (alt === '')
      throw new Error(
        `a ${kind} in the PDF has no alternative text: draw it with pdf-blocks' chartDrawing() or give it tag: { role: 'Figure', alt } (or { role: 'Artifact' } if it is decoration)`,
      );
    const width = item._width ?? 0;
    const height = item._height ?? 0;
    return this.child(container, 'Figure', {
      alt,
      placement: 'Block',
      ...((kind === 'svg' || kind === 'image') && width > 0 && height > 0
        ? { bbox: [item.x, item.y, item.x + width, item.y + height] as [number, number, number, number] }
        : {}),
    });
  }

  /**
   * The whole grid at once, so every row has all its cells even where a cell draws nothing: header
   * rows' cells are TH with Scope Column, the first cell of each body row a TH with Scope Row
   * unless the table says otherwise, the rest TD; a span covers the cells its placeholders hold.
   */
  private table(container: Element, step: Extract<StructureStep, { kind: 'table' }>): Element {
    const table = this.child(container, 'Table');
    const headerRows = step.node.table?.headerRows ?? 0;
    (step.node.table?.body ?? []).forEach((row, rowIndex) => {
      const tableRow = this.child(table, 'TR');
      row.forEach((cell, columnIndex) => {
        if (cell._span) return;
        const scope =
          rowIndex < headerRows ? 'Column' : step.rowHeaders && columnIndex === 0 ? 'Row' : undefined;
        const element = this.child(tableRow, scope ? 'TH' : 'TD', scope ? { scope } : undefined);
        const spans = {
          ...((cell.colSpan ?? 1) > 1 ? { ColSpan: cell.colSpan as number } : {}),
          ...((cell.rowSpan ?? 1) > 1 ? { RowSpan: cell.rowSpan as number } : {}),
        };
        if (Object.keys(spans).length > 0) addAttributes(element.pdf, 'Table', spans);
        this.cells.set(cell, element);
      });
    });
    return table;
  }

  private cellOf(cell: LaidOutNode): Element {
    const element = this.cells.get(cell);
    if (element === undefined) throw new Error('a table cell was drawn before its table was tagged');
    return element;
  }

  private list(container: Element, step: Extract<StructureStep, { kind: 'list' }>): Element {
    const list = this.child(container, 'L');
    addAttributes(list.pdf, 'List', { ListNumbering: step.numbering });
    return list;
  }

  /** A list item: its number (if it has one: bullets are drawn shapes, left as decoration) and its body. */
  private listItem(list: Element, node: LaidOutNode): ListItemElements {
    let parts = this.listItems.get(node);
    if (parts === undefined) {
      const item = this.child(list, 'LI');
      const label = node.listMarker?._inlines?.length ? this.child(item, 'Lbl') : undefined;
      parts = { label, body: this.child(item, 'LBody') };
      this.listItems.set(node, parts);
    }
    return parts;
  }

  /** Within a line with links, each linked inline is drawn as content of a Link element. */
  private beforeText(): void {
    const line = this.line;
    if (line !== undefined) this.mark(this.inlineTarget(line, line.next++));
  }

  private inlineTarget(line: LineWithLinks, index: number): Element {
    const target = linkOf(line.inlines[index]);
    return target === undefined ? line.holder : this.link(line.holder, target, line.inlines);
  }

  private link(holder: Element, target: string, inlines: readonly InlineText[]): LinkElement {
    let links = this.links.get(holder);
    if (links === undefined) {
      links = new Map();
      this.links.set(holder, links);
    }
    let link = links.get(target);
    if (link === undefined) {
      const description = oneLine(
        inlines
          .filter((inline) => linkOf(inline) === target)
          .map((inline) => inline.text)
          .join(''),
      );
      link = { ...this.child(holder, 'Link'), description };
      links.set(target, link);
    }
    return link;
  }

  /** A link annotation belongs to the Link element whose content is being drawn, and says where it goes. */
  private describeLink(options: AnnotationOptions): void {
    const marking = this.marking;
    if (marking === undefined || isArtifact(marking) || !('description' in marking))
      throw new Error('a link annotation was made outside a Link structure element');
    options.structParent = marking.pdf;
    options.Contents ??= new String((marking as LinkElement).description || 'Link');
  }

  private mark(target: Target | undefined): void {
    const current = this.marking;
    if (target === current) return;
    if (current !== undefined) this.pdf.endMarkedContent();
    this.marking = target;
    if (target === undefined) return;
    if (isArtifact(target)) this.pdf.markContent('Artifact', { type: target.artifact });
    else target.pdf.add(this.pdf.markStructureContent(target.role));
  }

  /** Closes marked content and the page's links while the page is still current. */
  private endPage(): void {
    this.mark(undefined);
    for (const links of this.links.values()) for (const link of links.values()) link.pdf.end();
    this.links = new Map();
  }
}
