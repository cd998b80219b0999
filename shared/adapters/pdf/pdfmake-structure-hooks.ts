import ElementWriterModule from 'pdfmake/js/ElementWriter.js';
import LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import RendererModule from 'pdfmake/js/Renderer.js';
import type { TaggablePdfKitDocument } from './pdfkit-tagging';
import type { LaidOutNode, LayoutFrame } from './structure-roles';

/**
 * The one place the PDF brief reaches into pdfmake's internals (pdfmake 0.3.11, pinned in
 * package.json; test/unit/adapters/pdf/pdfmake-structure-hooks.test.ts fails if an upgrade changes
 * what this relies on — re-check this file against the new pdfmake before moving the pin).
 *
 * pdfmake has no hook for a tagged PDF (its `tagged` option only sets /MarkInfo): it lays the whole
 * document out into pages of positioned items — lines of text, vectors, SVGs, images — keeping no
 * link from an item back to the content node it came from, then renders the items page by page
 * through pdfkit. So, without forking it:
 * - layout: `LayoutBuilder.processNode` is wrapped to keep the chain of nodes being laid out, and
 *   the `ElementWriter` methods that create items stamp each one with that chain. pdfmake copies an
 *   item's own properties when it moves it (out of an unbreakable block, into a repeated table
 *   header), so the stamp travels with it;
 * - rendering: `Renderer.renderPages` is wrapped so that, for a document made with `tagged: true`,
 *   a tagger sees each item just before and after pdfmake draws it, and can open and close marked
 *   content around it. Any other document renders exactly as before.
 */

/** The kinds of page item pdfmake draws that can be content. */
export type ItemKind = 'line' | 'vector' | 'svg' | 'image';

/** An item as pdfmake positions it: top-left corner in points from the page's top left. */
export interface PageItem {
  readonly x: number;
  readonly y: number;
  /** Lines: their inlines, each drawn with one pdfkit text() call, in order. */
  readonly inlines?: readonly InlineText[];
  /** SVGs and images: their size. */
  readonly _width?: number;
  readonly _height?: number;
}

export interface InlineText {
  readonly text: string;
  /** Painted before the line's text (a highlight) or after it (underline, strike-through). */
  readonly background?: string | null;
  readonly decoration?: string | null;
  readonly link?: string | null;
  readonly linkToPage?: number | null;
  readonly linkToDestination?: string | null;
}

/** Receives every page item of one tagged document, in drawing order. */
export interface PageItemTagger {
  beforeItem(kind: ItemKind, item: PageItem, frame: LayoutFrame | undefined): void;
  afterItem(kind: ItemKind): void;
  /** Before an item that saves, restores or moves the graphics state (clips, vertical alignment, watermark). */
  beforeOtherItem(): void;
  /** After the last page is drawn, while it is still the current page. */
  finish(): void;
}

export type StartTagging = (document: TaggablePdfKitDocument) => PageItemTagger;

/** Where the stamp is kept: an own, enumerable, string-keyed property, so pdfmake's copies keep it. */
const FRAME = '_structureFrame';

type Method = (this: unknown, ...args: unknown[]) => unknown;
interface Prototype {
  [name: string]: Method | undefined;
}

const classOf = (module: unknown, name: string): { prototype: Prototype } => {
  const candidate = typeof module === 'function' ? module : (module as { default?: unknown } | null)?.default;
  if (typeof candidate !== 'function')
    throw new Error(
      `pdfmake's ${name} is no longer a class (see shared/adapters/pdf/pdfmake-structure-hooks.ts)`,
    );
  return candidate as { prototype: Prototype };
};

/**
 * pdfmake's own methods, kept on its prototypes the first time they are wrapped. Every install
 * wraps these, never a wrapper: a second copy of this module in one process (a test runner that
 * shares pdfmake between test files but not our modules) then replaces the hooks instead of
 * wrapping them again, which would tag every item twice.
 */
const ORIGINALS = Symbol.for('strategy-report/pdfmake-structure-hooks/originals');
const originalsOf = (prototype: Prototype): Prototype => {
  const holder = prototype as unknown as { [ORIGINALS]?: Prototype };
  holder[ORIGINALS] ??= {};
  return holder[ORIGINALS];
};

const methodOf = (prototype: Prototype, className: string, name: string): Method => {
  const originals = originalsOf(prototype);
  originals[name] ??= prototype[name];
  const method = originals[name];
  if (typeof method !== 'function')
    throw new Error(
      `pdfmake's ${className} no longer has ${name}(): the brief cannot be tagged (see shared/adapters/pdf/pdfmake-structure-hooks.ts)`,
    );
  return method;
};

/** Methods of pdfmake's Renderer that draw one page item, with the kind of item each draws. */
export const RENDER_METHODS = {
  renderLine: 'line',
  renderVector: 'vector',
  renderSVG: 'svg',
  renderImage: 'image',
} as const satisfies Record<string, ItemKind>;
/** Renderer methods that draw no content, or nothing the brief uses, but change the graphics state. */
export const OTHER_RENDER_METHODS = [
  'beginClip',
  'endClip',
  'beginVerticalAlignment',
  'endVerticalAlignment',
  'renderWatermark',
  'renderAttachment',
] as const;
/** ElementWriter methods that put an item on a page; their first argument is the item. */
export const ITEM_WRITERS = ['addLine', 'addVector', 'addSVG', 'addImage'] as const;

let startTagging: StartTagging | undefined;
let installed = false;
const tagged = new WeakSet<object>();
/** The node pdfmake is laying out now, with its ancestors. Layout is synchronous: one chain at a time. */
let laying: LayoutFrame | undefined;

/**
 * Installs the hooks (once per process) and sets what tags a `tagged: true` document. Checks every
 * method it wraps first, so a pdfmake that lacks one fails here, before anything is changed.
 */
export function installStructureHooks(start: StartTagging): void {
  const layoutBuilder = classOf(LayoutBuilderModule, 'LayoutBuilder').prototype;
  const elementWriter = classOf(ElementWriterModule, 'ElementWriter').prototype;
  const renderer = classOf(RendererModule, 'Renderer').prototype;
  const processNode = methodOf(layoutBuilder, 'LayoutBuilder', 'processNode');
  const writers = ITEM_WRITERS.map((name) => [name, methodOf(elementWriter, 'ElementWriter', name)] as const);
  const renderPages = methodOf(renderer, 'Renderer', 'renderPages');
  for (const name of [...Object.keys(RENDER_METHODS), ...OTHER_RENDER_METHODS])
    methodOf(renderer, 'Renderer', name);
  startTagging = start;
  if (installed) return;
  installed = true;
  // From here on the methods are pdfmake's own (methodOf), whichever copy of this module runs.

  layoutBuilder.processNode = function processNodeInFrame(this: unknown, ...args: unknown[]) {
    const parent = laying;
    laying = { node: args[0] as LaidOutNode, parent };
    try {
      return processNode.apply(this, args);
    } finally {
      laying = parent;
    }
  };
  for (const [name, write] of writers)
    elementWriter[name] = function stampThenWrite(this: unknown, ...args: unknown[]) {
      const item = args[0] as Record<string, unknown> | undefined;
      if (laying !== undefined && typeof item === 'object' && item !== null) item[FRAME] = laying;
      return write.apply(this, args);
    };
  renderer.renderPages = function renderPagesTagged(this: unknown, ...args: unknown[]) {
    const document = (this as RendererInstance).pdfDocument;
    if (startTagging === undefined || document.options.tagged !== true) return renderPages.apply(this, args);
    const tagger = startTagging(document);
    tagged.add(document);
    const own = this as unknown as Prototype;
    for (const [name, kind] of Object.entries(RENDER_METHODS)) {
      const draw = methodOf(renderer, 'Renderer', name);
      own[name] = function drawTagged(this: unknown, ...drawArgs: unknown[]) {
        const item = drawArgs[0] as PageItem & { [FRAME]?: LayoutFrame };
        tagger.beforeItem(kind, item, item[FRAME]);
        const result = draw.apply(this, drawArgs);
        tagger.afterItem(kind);
        return result;
      };
    }
    for (const name of OTHER_RENDER_METHODS) {
      const draw = methodOf(renderer, 'Renderer', name);
      own[name] = function drawOutsideContent(this: unknown, ...drawArgs: unknown[]) {
        tagger.beforeOtherItem();
        return draw.apply(this, drawArgs);
      };
    }
    try {
      const result = renderPages.apply(this, args);
      tagger.finish();
      return result;
    } finally {
      for (const name of [...Object.keys(RENDER_METHODS), ...OTHER_RENDER_METHODS]) delete own[name];
    }
  };
}

/**
 * Whether the hooks tagged this document as pdfmake rendered it: false for a `tagged: true`
 * document means the pdfmake that rendered it is not the one hooked (a second copy of its modules,
 * say in a bundle), and its PDF would claim a structure it does not have.
 */
export function wasTagged(document: object): boolean {
  return tagged.has(document);
}

interface RendererInstance {
  readonly pdfDocument: TaggablePdfKitDocument;
}
