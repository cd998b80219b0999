import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import ElementWriterModule from 'pdfmake/js/ElementWriter.js';
import LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import RendererModule from 'pdfmake/js/Renderer.js';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredPdfmake } from '../../../../shared/adapters/pdf/brief-pdf';
import { pdfFonts } from '../../../../shared/adapters/pdf/pdf-fonts';
import {
  ITEM_WRITERS,
  type ItemKind,
  installStructureHooks,
  OTHER_RENDER_METHODS,
  type PageItem,
  RENDER_METHODS,
  wasTagged,
} from '../../../../shared/adapters/pdf/pdfmake-structure-hooks';
import type { LaidOutNode, LayoutFrame } from '../../../../shared/adapters/pdf/structure-roles';
import { StructureWriter } from '../../../../shared/adapters/pdf/structure-writer';

/**
 * The contract between the tagging and pdfmake 0.3.11's internals
 * (shared/adapters/pdf/pdfmake-structure-hooks.ts): the methods it wraps exist, the classes it
 * wraps are the ones pdfmake renders with, every item pdfmake draws carries the nodes it came from
 * — also when pdfmake copies it — and a document that is not tagged renders byte for byte as
 * pdfmake alone renders it. When an upgrade breaks one of these, re-check that file against the
 * new pdfmake before moving the pin in package.json.
 */
const classOf = (module: unknown) =>
  (typeof module === 'function' ? module : (module as { default: unknown }).default) as {
    prototype: Record<string, unknown>;
  };

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect x="0" y="0" width="100" height="40" fill="#13315C"/></svg>';
const created = new Date('2026-11-05T12:00:00Z');

/** A table long enough to break over pages, so its header row is repeated; fresh each time (pdfmake keeps what it is given). */
const longTable = () => ({
  table: {
    headerRows: 1,
    body: [['Head A', 'Head B'], ...Array.from({ length: 70 }, (_, row) => [`Row ${row}`, `Value ${row}`])],
  },
});

describe('pdfmake’s internals, as the structure hooks rely on them', () => {
  afterAll(() => {
    // Back to what the brief tags with, for whatever runs next in this process.
    installStructureHooks((document) => new StructureWriter(document));
  });

  it('has every method the hooks wrap', () => {
    const layoutBuilder = classOf(LayoutBuilderModule).prototype;
    const elementWriter = classOf(ElementWriterModule).prototype;
    const renderer = classOf(RendererModule).prototype;
    expect(typeof layoutBuilder.processNode).toBe('function');
    for (const name of ITEM_WRITERS) expect(typeof elementWriter[name], name).toBe('function');
    for (const name of ['renderPages', ...Object.keys(RENDER_METHODS), ...OTHER_RENDER_METHODS])
      expect(typeof renderer[name], name).toBe('function');
  });

  it('stamps every item pdfmake draws with the nodes it came from, through unbreakable blocks and repeated headers', async () => {
    configuredPdfmake();
    const drawn: { kind: ItemKind; item: PageItem; frame: LayoutFrame | undefined; page: number }[] = [];
    let page = 0;
    let finished = 0;
    installStructureHooks((document) => {
      (document as unknown as { on(event: 'pageAdded', listener: () => void): void }).on('pageAdded', () => {
        page++;
      });
      return {
        beforeItem: (kind, item, frame) => drawn.push({ kind, item, frame, page }),
        afterItem: () => undefined,
        beforeOtherItem: () => undefined,
        finish: () => {
          finished++;
        },
      };
    });
    const headerNodes: Content[] = [];
    const table = longTable();
    const svg = { svg: SVG, width: 100 };
    const figure = { stack: [{ text: 'Kept together' }, svg], unbreakable: true };
    const document = await configuredPdfmake()
      .createPdf({
        tagged: true,
        info: { creationDate: created },
        defaultStyle: { font: 'Roboto' },
        header: () => {
          const header = { text: 'Running header' };
          headerNodes.push(header);
          return header;
        },
        content: [{ text: 'Heading', headlineLevel: 1 }, table, figure],
      })
      .getStream();
    expect(wasTagged(document)).toBe(true);
    expect(finished).toBe(1);
    expect(page).toBeGreaterThan(1);
    const chain = (frame: LayoutFrame | undefined) => {
      const nodes: LaidOutNode[] = [];
      for (let current = frame; current; current = current.parent) nodes.unshift(current.node);
      return nodes;
    };
    const text = (item: PageItem) => (item.inlines ?? []).map((inline) => inline.text).join('');
    for (const { kind, frame } of drawn) expect(frame, kind).toBeDefined();
    // Headers: laid out on their own, their chain starts at the node the header function returned.
    const headers = drawn.filter(({ item }) => text(item) === 'Running header');
    expect(headers).toHaveLength(page);
    for (const { frame } of headers) expect(headerNodes).toContain(chain(frame)[0]);
    // The header row is drawn on every page the table is on, each time a copy sharing the inlines.
    const headerCell = table.table.body[0]?.[0] as unknown as LaidOutNode;
    const headerRows = drawn.filter(({ item }) => text(item) === 'Head A');
    expect(headerRows.length).toBeGreaterThan(1);
    expect(new Set(headerRows.map(({ page: on }) => on)).size).toBe(headerRows.length);
    expect(new Set(headerRows.map(({ item }) => item.inlines)).size).toBe(1);
    for (const { frame } of headerRows) expect(chain(frame).slice(-2)).toEqual([table, headerCell]);
    // Table rules are stamped with the table.
    const rules = drawn.filter(
      ({ kind, frame }) => kind === 'vector' && chain(frame).includes(table as never),
    );
    expect(rules.length).toBeGreaterThan(10);
    // The SVG is moved out of its unbreakable block as a copy: the stamp names the node itself.
    const svgs = drawn.filter(({ kind }) => kind === 'svg');
    expect(svgs).toHaveLength(1);
    expect(svgs[0]?.item).not.toBe(svg);
    expect(chain(svgs[0]?.frame).slice(-2)).toEqual([figure, svg]);
  });

  it('renders a document that is not tagged exactly as pdfmake alone renders it', async () => {
    const fonts = pdfFonts().files;
    const definition = (): TDocumentDefinitions => ({
      info: { creationDate: created, modDate: created },
      defaultStyle: { font: 'Roboto' },
      content: [
        { text: 'Heading', headlineLevel: 1, tocItem: true },
        { toc: { title: { text: 'Contents' } } },
        { ul: ['one', 'two'] },
        { ol: ['first', { text: ['second ', { text: 'linked', link: 'https://example.org/' }] }] },
        longTable(),
        { stack: [{ text: 'Kept together' }, { svg: SVG, width: 100 }], unbreakable: true },
      ],
    });
    installStructureHooks((document) => new StructureWriter(document));
    const hooked = await configuredPdfmake().createPdf(definition()).getBuffer();
    // The same definition in a process where nothing is hooked.
    const script = `
      import pdfmake from 'pdfmake';
      const { fonts, definition } = JSON.parse(process.env.CONTRACT_INPUT);
      pdfmake.setFonts({ Roboto: fonts });
      pdfmake.setUrlAccessPolicy(() => false);
      pdfmake.setLocalAccessPolicy(() => true);
      definition.info.creationDate = new Date(definition.info.creationDate);
      definition.info.modDate = new Date(definition.info.modDate);
      process.stdout.write((await pdfmake.createPdf(definition).getBuffer()).toString('base64'));
    `;
    const alone = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
      env: { ...process.env, CONTRACT_INPUT: JSON.stringify({ fonts, definition: definition() }) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(alone.status, alone.stderr).toBe(0);
    const bytes = Buffer.from(alone.stdout, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(hooked.equals(bytes)).toBe(true);
  });
});
