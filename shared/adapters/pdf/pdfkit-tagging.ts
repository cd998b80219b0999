import type { ArtifactType } from './structure-tags';

/**
 * pdfkit's tagging API (pdfkit 0.19.1, `js/pdfkit.js`, mixins Markings and Outline) as the tagged
 * brief uses it: structure elements (`struct`, `add`, `addStructure`), marked content
 * (`markStructureContent`, `markContent('Artifact')`, `endMarkedContent`) and outline items.
 * pdfkit is pinned (package.json `overrides`); test/unit/adapters/pdf/pdfkit-tagging.test.ts fails
 * if an upgrade changes what this file relies on, the two internals included:
 * - an element's dictionary (`element.dictionary.data`), for attributes `struct()` has no option
 *   for (a list's ListNumbering, a cell's ColSpan and RowSpan);
 * - an outline item's dictionary, for the Count of a closed item, which pdfkit leaves out although
 *   ISO 32000-1 (12.3.3) requires it of every item with children.
 */

/** An opaque handle on marked content, to be added to exactly one structure element. */
export interface PdfKitStructureContent {
  readonly refs: readonly unknown[];
}

export interface PdfKitStructureElement {
  add(child: PdfKitStructureElement | PdfKitStructureContent): PdfKitStructureElement;
  end(): void;
}

export interface StructureElementOptions {
  readonly alt?: string;
  readonly scope?: 'Row' | 'Column' | 'Both';
  /** Left, top, right, bottom in pdfmake's coordinates (from the page's top left); pdfkit converts. */
  readonly bbox?: [number, number, number, number];
  readonly placement?: 'Block' | 'Inline';
}

export interface PdfKitOutlineItem {
  addItem(
    title: string,
    options: { fit: false; top: number; left: number; expanded: false },
  ): PdfKitOutlineItem;
}

/** Options pdfkit's annotate() takes; a Link annotation gets its structure parent and description here. */
export interface AnnotationOptions {
  Subtype?: string;
  Contents?: unknown;
  structParent?: PdfKitStructureElement;
}

/** The part of pdfkit's document (pdfmake's PDFDocument extends it) that tagging uses. */
export interface TaggablePdfKitDocument {
  readonly options: { readonly tagged?: boolean };
  readonly page: { readonly width: number; readonly height: number } | null;
  readonly outline: PdfKitOutlineItem;
  struct(type: string, options?: StructureElementOptions): PdfKitStructureElement;
  addStructure(element: PdfKitStructureElement): unknown;
  markStructureContent(tag: string): PdfKitStructureContent;
  markContent(tag: 'Artifact', options: { type: ArtifactType }): unknown;
  endMarkedContent(): unknown;
  text(text: string, x?: number, y?: number, options?: TextOptions): unknown;
  annotate(x: number, y: number, w: number, h: number, options: AnnotationOptions): unknown;
  addPage(options?: unknown): unknown;
}

/** What pdfmake passes pdfkit's text() for a link: `link` (a URL or page index) or `goTo` (a named destination). */
export interface TextOptions {
  readonly link?: string | number | null;
  readonly goTo?: string | null;
}

interface WithDictionary {
  readonly dictionary?: { readonly data?: Record<string, unknown> };
}

function dictionaryOf(object: unknown, what: string): Record<string, unknown> {
  const data = (object as WithDictionary).dictionary?.data;
  if (typeof data !== 'object' || data === null)
    throw new Error(
      `pdfkit's ${what} no longer has dictionary.data: attributes cannot be written (see shared/adapters/pdf/pdfkit-tagging.ts)`,
    );
  return data;
}

/**
 * Adds attributes of one owner (List, Table) to a structure element: ISO 32000-1 14.8.5, e.g.
 * `/A << /O /List /ListNumbering /Disc >>`. pdfkit writes `/A` itself only for `scope`
 * (owner Table) and `bbox`/`placement` (owner Layout); an element keeps one owner here.
 */
export function addAttributes(
  element: PdfKitStructureElement,
  owner: 'List' | 'Table',
  attributes: Readonly<Record<string, string | number>>,
): void {
  const data = dictionaryOf(element, 'structure element');
  const current = data.A as Record<string, unknown> | undefined;
  if (current !== undefined && current.O !== owner)
    throw new Error(`a structure element already has ${String(current.O)} attributes; cannot add ${owner}`);
  data.A = { ...(current ?? { O: owner }), ...attributes };
}

/**
 * Marks an outline item closed with its children counted, as ISO 32000-1 wants (Count: minus the
 * number of children a reader sees on opening it). pdfkit writes Count only for expanded items.
 */
export function closeOutlineItem(item: PdfKitOutlineItem): void {
  const children = (item as { children?: readonly unknown[] }).children;
  if (!Array.isArray(children))
    throw new Error(
      'pdfkit outline items no longer have children (see shared/adapters/pdf/pdfkit-tagging.ts)',
    );
  if (children.length > 0) dictionaryOf(item, 'outline item').Count = -children.length;
}

/**
 * An outline item on the current page whose destination shows `top` (points from the page's top)
 * at the top of the window, keeping the reader's zoom. pdfkit measures `left` from the page's
 * right edge (destination left = page width − `left`), so the page's width puts the left edge in
 * view.
 */
export function addOutlineItem(
  parent: PdfKitOutlineItem,
  title: string,
  page: { readonly width: number },
  top: number,
): PdfKitOutlineItem {
  return parent.addItem(title, { fit: false, top, left: page.width, expanded: false });
}

/** Runs `before(options)` ahead of each text() pdfmake draws on this one document. */
export function beforeEachText(
  document: TaggablePdfKitDocument,
  before: (options: TextOptions) => void,
): void {
  const text = document.text;
  document.text = function textAfterTagging(this: TaggablePdfKitDocument, value, x, y, options) {
    before(options ?? {});
    return text.call(this, value, x, y, options);
  };
}

/** Lets `decorate` add to the options of every Link annotation made on this one document. */
export function decorateLinkAnnotations(
  document: TaggablePdfKitDocument,
  decorate: (options: AnnotationOptions) => void,
): void {
  const annotate = document.annotate;
  document.annotate = function annotateTagged(this: TaggablePdfKitDocument, x, y, w, h, options) {
    if (options.Subtype === 'Link') decorate(options);
    return annotate.call(this, x, y, w, h, options);
  };
}

/** Runs `leaving()` while the current page is still current, before each new page of this one document. */
export function beforeEachNewPage(document: TaggablePdfKitDocument, leaving: () => void): void {
  const addPage = document.addPage;
  document.addPage = function addPageAfterTagging(this: TaggablePdfKitDocument, options) {
    if (this.page !== null) leaving();
    return addPage.call(this, options);
  };
}
