import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { configuredPdfmake } from '../../../../shared/adapters/pdf/brief-pdf';
import { completeXmp } from '../../../../shared/adapters/pdf/pdfkit-metadata';
import { endDocument, type PdfKitDocument } from '../../../../shared/adapters/pdf/pdfkit-output-intent';
import {
  type AnnotationOptions,
  addAttributes,
  addOutlineItem,
  beforeEachNewPage,
  beforeEachText,
  closeOutlineItem,
  decorateLinkAnnotations,
  type PdfKitStructureElement,
  type TaggablePdfKitDocument,
} from '../../../../shared/adapters/pdf/pdfkit-tagging';
import { pdfObjectWith, readTaggedPdf } from '../../../support/pdf-structure';

/**
 * The contract between the tagging code and pdfkit 0.19.1 (shared/adapters/pdf/pdfkit-tagging.ts
 * and pdfkit-metadata.ts): the internals they write to, the public methods they wrap on one
 * document, and what comes out in the file. When an upgrade breaks one, re-check those files
 * against the new pdfkit before moving the pin in package.json.
 */
const definition = (extra: Partial<TDocumentDefinitions> = {}): TDocumentDefinitions => ({
  content: 'Tagging contract',
  pageSize: 'LETTER',
  version: '1.7',
  compress: false,
  info: { creationDate: new Date('2026-11-05T12:00:00Z'), modDate: new Date('2026-11-05T12:00:00Z') },
  defaultStyle: { font: 'Roboto' },
  ...extra,
});

/** pdfkit's document as pdfmake leaves it: rendered, not ended, so more can be drawn and written. */
async function openDocument(extra: Partial<TDocumentDefinitions> = {}) {
  const document = (await configuredPdfmake()
    .createPdf(definition(extra))
    .getStream()) as unknown as PdfKitDocument &
    TaggablePdfKitDocument & { addStructure(element: PdfKitStructureElement): unknown };
  return { document, end: async () => (await endDocument(document)).toString('latin1') };
}

describe('pdfkit’s tagging API, as the tagged brief relies on it', () => {
  it('writes structure elements with the attributes struct() has no option for', async () => {
    const { document, end } = await openDocument();
    const root = document.struct('Document');
    document.addStructure(root);
    const list = document.struct('L');
    root.add(list);
    addAttributes(list, 'List', { ListNumbering: 'Decimal' });
    const cell = document.struct('TH', { scope: 'Column' });
    root.add(cell);
    addAttributes(cell, 'Table', { ColSpan: 2 });
    expect(() => addAttributes(cell, 'List', { ListNumbering: 'Disc' })).toThrow(
      /already has Table attributes/,
    );
    const raw = await end();
    expect(pdfObjectWith(raw, '/S /L')).toMatch(/\/A <<\n\/O \/List\n\/ListNumbering \/Decimal\n>>/);
    expect(pdfObjectWith(raw, '/S /TH')).toMatch(/\/A <<\n\/O \/Table\n\/Scope \/Column\n\/ColSpan 2\n>>/);
  });

  it('refuses, naming the adapter, an element without the dictionary it writes to', () => {
    const element = { add: () => element, end: () => undefined } as PdfKitStructureElement;
    expect(() => addAttributes(element, 'List', { ListNumbering: 'Disc' })).toThrow(
      /no longer has dictionary\.data.*pdfkit-tagging\.ts/,
    );
  });

  it('writes bookmarks that open at the heading, closed items counting their children', async () => {
    const { document, end } = await openDocument();
    const page = document.page ?? { width: 0, height: 0 };
    const parent = addOutlineItem(document.outline, 'Section', page, 100);
    addOutlineItem(parent, 'Sub-section one', page, 200);
    addOutlineItem(parent, 'Sub-section two', page, 300);
    closeOutlineItem(parent);
    const raw = await end();
    // Left edge, 100 points below the top of a 792-point page, zoom unchanged.
    const section = pdfObjectWith(raw, '/Title (Section)');
    expect(section).toMatch(/^\/Dest \[\d+ 0 R \/XYZ 0 692 0\]$/m);
    expect(section).toMatch(/^\/Count -2$/m);
    expect(pdfObjectWith(raw, '/Title (Sub-section two)')).toMatch(/^\/Dest \[\d+ 0 R \/XYZ 0 492 0\]$/m);
    expect(raw).toMatch(/\/PageMode \/UseOutlines/);
  });

  it('lets the tagging see each text, link annotation and new page of one document, and no other', async () => {
    const { document, end } = await openDocument();
    const other = await openDocument();
    const texts: unknown[] = [];
    const pagesLeft: number[] = [];
    beforeEachText(document, (options) => texts.push(options));
    beforeEachNewPage(document, () => pagesLeft.push(1));
    const root = document.struct('Document');
    document.addStructure(root);
    const link = document.struct('Link');
    root.add(link);
    decorateLinkAnnotations(document, (options: AnnotationOptions) => {
      options.structParent = link;
      options.Contents = new String('Go to the example');
    });
    document.text('A link', 50, 100, { link: 'https://example.org/' });
    document.addPage();
    link.end();
    other.document.text('Not watched', 50, 100);
    await other.end();
    const raw = await end();
    expect(texts).toEqual([{ link: 'https://example.org/' }]);
    expect(pagesLeft).toEqual([1]);
    const annotation = /\/Subtype \/Link\n[\s\S]*?\n>>/.exec(raw)?.[0] ?? '';
    expect(annotation).toMatch(/\/StructParent \d+/);
    expect(annotation).toMatch(/\/Contents \(Go to the example\)/);
    expect(raw).toMatch(/\/Type \/OBJR\n\/Obj \d+ 0 R/);
  });
});

describe('pdfkit’s XMP metadata, completed for PDF/UA-1 and PDF/A-2', () => {
  it('declares PDF/UA-1, records the modification date and escapes the Info values it copies', async () => {
    const title = 'R&D <Plan> "2026"';
    const { document, end } = await openDocument({
      subset: 'PDF/A-2a',
      info: { ...definition().info, title },
    });
    completeXmp(document);
    const raw = await end();
    const read = await readTaggedPdf(Buffer.from(raw, 'latin1'));
    expect(read.info.Title).toBe(title);
    expect(read.xmp.get('dc:title')).toBe(title);
    expect(read.xmp.get('pdfuaid:part')).toBe('1');
    expect(read.xmp.get('pdfaid:part')).toBe('2');
    expect(read.xmp.get('pdfaid:conformance')).toBe('A');
    expect(read.xmp.get('xmp:modifydate')).toBe('2026-11-05T12:00:00Z');
    expect(read.xmp.get('xmp:createdate')).toBe('2026-11-05T12:00:00Z');
    expect(raw).toContain(
      '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
    );
  });

  it('refuses, naming the adapter, a document without the members it completes', () => {
    expect(() => completeXmp({ info: {} })).toThrow(
      /no longer has appendXML\(\), _addInfo\(\) and info.*pdfkit-metadata\.ts/,
    );
  });
});
