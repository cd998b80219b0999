import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from './report-text';

/**
 * A tagged PDF as pdf.js (an independent reader: Mozilla's, not the pdfkit that wrote it) sees it:
 * each page's structure tree, its text with the marked content each piece is drawn in, and whether
 * anything is painted outside marked content; the document's catalog entries and XMP.
 */
export interface StructureNode {
  readonly role: string;
  readonly alt?: string;
  readonly children: readonly (StructureNode | StructureLeaf)[];
}
export interface StructureLeaf {
  readonly type: 'content' | 'object' | 'annotation';
  readonly id: string;
}

export interface PageText {
  readonly text: string;
  /** The marked content it is drawn in, innermost last: its tag and, for tagged content, its id. */
  readonly marks: readonly { readonly tag: string; readonly id: string | null }[];
}

export interface TaggedPage {
  readonly tree: StructureNode | null;
  readonly texts: readonly PageText[];
  /** Painting operators (fill, stroke, text, images, forms, shadings) drawn outside any marked content. */
  readonly unmarkedPainting: number;
}

export interface TaggedPdf {
  readonly pages: readonly TaggedPage[];
  readonly markInfo: { Marked?: boolean } | null;
  readonly viewerPreferences: Record<string, unknown> | null;
  readonly info: Record<string, unknown>;
  readonly xmp: ReadonlyMap<string, unknown>;
  readonly outline: readonly Bookmark[];
}

export interface Bookmark {
  readonly title: string;
  readonly items: readonly Bookmark[];
}

const PAINTING = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.shadingFill,
  OPS.paintFormXObjectBegin,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
]);

/** pdf.js folds a path's painting operator into constructPath (its first argument). */
const paints = (operator: number, args: unknown) =>
  PAINTING.has(operator) ||
  (operator === OPS.constructPath && Array.isArray(args) && PAINTING.has(args[0] as number));

export async function readTaggedPdf(bytes: Uint8Array): Promise<TaggedPdf> {
  const document = await openPdf(bytes);
  try {
    const pages: TaggedPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const tree = (await page.getStructTree()) as StructureNode | null;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const texts: PageText[] = [];
      const marks: { tag: string; id: string | null }[] = [];
      for (const item of content.items) {
        if ('str' in item) {
          if (item.str.trim() !== '') texts.push({ text: item.str, marks: [...marks] });
        } else if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          // pdf.js sets `tag` on marked-content items though its type does not declare it.
          const { tag } = item as { tag?: string };
          marks.push({ tag: tag ?? '', id: item.id ?? null });
        } else if (item.type === 'endMarkedContent') {
          marks.pop();
        }
      }
      const operators = await page.getOperatorList();
      let depth = 0;
      let unmarkedPainting = 0;
      operators.fnArray.forEach((operator, index) => {
        if (operator === OPS.beginMarkedContent || operator === OPS.beginMarkedContentProps) depth++;
        else if (operator === OPS.endMarkedContent) depth--;
        else if (depth === 0 && paints(operator, operators.argsArray[index])) unmarkedPainting++;
      });
      pages.push({ tree, texts, unmarkedPainting });
      page.cleanup();
    }
    const metadata = await document.getMetadata();
    const outline = (await document.getOutline()) ?? [];
    const bookmarks = (items: readonly { title: string; items: readonly unknown[] }[]): Bookmark[] =>
      items.map((item) => ({
        title: item.title,
        items: bookmarks(item.items as { title: string; items: unknown[] }[]),
      }));
    return {
      pages,
      markInfo: await document.getMarkInfo(),
      viewerPreferences: (await document.getViewerPreferences()) as Record<string, unknown> | null,
      info: metadata.info as Record<string, unknown>,
      xmp: new Map(metadata.metadata ? [...metadata.metadata] : []),
      outline: bookmarks(outline),
    };
  } finally {
    await document.destroy();
  }
}

/** Every node of a tree, depth first in document order. */
export function* structureNodes(node: StructureNode | null): Generator<StructureNode> {
  if (node === null) return;
  yield node;
  for (const child of node.children) if ('role' in child) yield* structureNodes(child);
}

/** The marked-content ids a tree (or subtree) refers to. */
export function contentIds(node: StructureNode | null): Set<string> {
  const ids = new Set<string>();
  for (const each of structureNodes(node))
    for (const child of each.children) if ('type' in child && child.type === 'content') ids.add(child.id);
  return ids;
}

/** The text of an element on one page: the page's text drawn in the element's marked content. */
export function elementText(page: TaggedPage, element: StructureNode): string {
  const ids = contentIds(element);
  return page.texts
    .filter((text) => text.marks.some((mark) => mark.id !== null && ids.has(mark.id)))
    .map((text) => text.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A PDF's objects as written, each as its lines (pdfkit writes dictionaries — structure elements, fonts, annotations — uncompressed). */
export function pdfObjects(raw: string): string[] {
  return [...raw.matchAll(/\n\d+ 0 obj\n([\s\S]*?)\nendobj/g)].map((match) => match[1] ?? '');
}

/** The first object that has `line` as one of its lines ('' when none has). */
export function pdfObjectWith(raw: string, line: string): string {
  return pdfObjects(raw).find((object) => object.split('\n').includes(line)) ?? '';
}
