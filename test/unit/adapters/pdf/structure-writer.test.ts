import type { Content } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { renderPdfA } from '../../../../shared/adapters/pdf/brief-pdf';
import {
  contentIds,
  elementText,
  pdfObjectWith,
  readTaggedPdf,
  type StructureNode,
  structureNodes,
} from '../../../support/pdf-structure';

/**
 * The structure a tagged document gets from plain pdfmake content — what a section built without
 * the brief's blocks gets (shared/adapters/pdf/structure-roles.ts and structure-writer.ts).
 */
const created = new Date('2026-11-05T12:00:00Z');
const render = (content: Content) =>
  renderPdfA({
    content,
    pageSize: 'LETTER',
    version: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    language: 'en-US',
    compress: false,
    info: { title: 'Structure', creationDate: created, modDate: created },
    defaultStyle: { font: 'Roboto' },
    styles: { h2: { fontSize: 14, bold: true } },
  });

/** An element as roles and text: `P "text"`, `L [LI [...]]`. */
function outline(node: StructureNode, page: Parameters<typeof elementText>[0]): unknown {
  const children = node.children.filter((child): child is StructureNode => 'role' in child);
  if (children.length === 0) return `${node.role} ${elementText(page, node)}`;
  return { [node.role]: children.map((child) => outline(child, page)) };
}

describe('tagging plain pdfmake content', () => {
  it('makes paragraphs, headings, lists and tables of it, in reading order', async () => {
    const tagged = await readTaggedPdf(
      await render([
        'A plain string',
        { text: 'A heading by its style', style: 'h2' },
        { columns: [{ text: 'Left column' }, { text: 'Right column' }] },
        { stack: [{ text: '' }, { text: ['Mixed ', { text: 'bold', bold: true }, ' text'] }] },
        { ul: ['Bullet', { ol: ['Nested first', 'Nested second'] }] },
        {
          table: {
            body: [
              ['Label', 'Value'],
              [{ text: 'Spanning both', colSpan: 2 }, {}],
            ],
          },
        },
      ]),
    );
    const [page] = tagged.pages;
    const document = page?.tree?.children[0] as StructureNode;
    expect(page && outline(document, page)).toEqual({
      Document: [
        'P A plain string',
        // The first heading is H1 whatever level it is drawn at (Matterhorn 14-002).
        'H1 A heading by its style',
        'P Left column',
        'P Right column',
        // The empty text draws nothing: no element, only an artifact.
        'P Mixed bold text',
        {
          L: [
            { LI: ['LBody Bullet'] },
            {
              LI: [
                {
                  LBody: [
                    {
                      L: [
                        { LI: ['Lbl 1.', 'LBody Nested first'] },
                        { LI: ['Lbl 2.', 'LBody Nested second'] },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          // No header row: the first cell of each row heads it; a span covers the cells it spans.
          Table: [{ TR: ['TH Label', 'TD Value'] }, { TR: ['TH Spanning both'] }],
        },
      ],
    });
    expect(page?.unmarkedPainting).toBe(0);
    const ids = contentIds(page?.tree ?? null);
    for (const text of page?.texts ?? [])
      expect(text.marks.at(-1)?.id != null && ids.has(text.marks.at(-1)?.id as string), text.text).toBe(true);
  });

  it('writes spans as attributes of the spanning cell', async () => {
    const raw = (
      await render({
        table: {
          headerRows: 1,
          body: [
            [{ text: 'Both columns', colSpan: 2 }, {}],
            ['a', 'b'],
          ],
        },
      })
    ).toString('latin1');
    expect(pdfObjectWith(raw, '/S /TH')).toMatch(/\/A <<\n\/O \/Table\n\/Scope \/Column\n\/ColSpan 2\n>>/);
  });

  it('puts an inline link in a Link element inside its paragraph, its annotation described by its text', async () => {
    const pdf = await render({
      text: ['See ', { text: 'the site', link: 'https://example.org/' }, ' for more.'],
    });
    const tagged = await readTaggedPdf(pdf);
    const [page] = tagged.pages;
    const paragraph = [...structureNodes(page?.tree ?? null)].find((node) => node.role === 'P');
    const link = paragraph?.children.find((child) => 'role' in child && child.role === 'Link') as
      | StructureNode
      | undefined;
    expect(page && paragraph && elementText(page, paragraph)).toBe('See the site for more.');
    expect(page && link && elementText(page, link)).toBe('the site');
    expect(link?.children.filter((child) => 'type' in child && child.type === 'object')).toHaveLength(2);
    const raw = pdf.toString('latin1');
    expect(pdfObjectWith(raw, '/Subtype /Link')).toMatch(/\/Contents \(the site\)/);
  });

  it('leaves decoration tagged as an artifact out of the tree, and refuses a picture with no text for it', async () => {
    const decoration: Content = {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: 500, y2: 0 }],
      tag: { role: 'Artifact', type: 'Layout' },
    };
    const tagged = await readTaggedPdf(await render(['Above the rule', decoration]));
    expect([...structureNodes(tagged.pages[0]?.tree ?? null)].map((node) => node.role)).toEqual([
      'Root',
      'Document',
      'P',
    ]);
    expect(tagged.pages[0]?.unmarkedPainting).toBe(0);
    await expect(render({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 500, y2: 0 }] })).rejects.toThrow(
      /a vector in the PDF has no alternative text/,
    );
  });
});
