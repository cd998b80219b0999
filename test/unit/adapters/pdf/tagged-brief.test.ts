import type { Content } from 'pdfmake/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefDocument } from '../../../../shared/adapters/pdf/brief-document';
import { CONTENT_WIDTH } from '../../../../shared/adapters/pdf/brief-page';
import { renderBriefPdf, renderPdfA } from '../../../../shared/adapters/pdf/brief-pdf';
import type { PdfSection } from '../../../../shared/adapters/pdf/pdf-blocks';
import {
  BRIEF_TITLES,
  coverFactsLine,
  dashboardHeading,
  HEADLINE_CHANGES_TITLE,
  SUMMARY_TABLE_TITLE,
} from '../../../../shared/domain/report/brief-wording';
import { reportCharts } from '../../../../shared/domain/report/charts/report-charts';
import { buildReportModel, type RenderContext } from '../../../../shared/domain/report/report-model';
import {
  contentIds,
  elementText,
  pdfObjects,
  readTaggedPdf,
  type StructureNode,
  structureNodes,
  type TaggedPdf,
} from '../../../support/pdf-structure';
import { populatedSnapshot } from '../../../support/populated-snapshot';
import { REPLACES_VERSION_1 } from '../../../support/replacing-version';

/**
 * The PDF brief as a tagged PDF (issue 15), read back with pdf.js: its structure tree, the marked
 * content every piece of text and paint is drawn in, its catalog entries, XMP and bookmarks.
 */
const context: RenderContext = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
};
const snapshot = populatedSnapshot();
const model = buildReportModel(snapshot, context);
const charts = reportCharts(model, CONTENT_WIDTH);

/** The headings as the document definition draws them (styles h1–h3), in order. */
function drawnHeadings(
  nodes: Content,
): { readonly text: string; readonly level: number; readonly listed: boolean }[] {
  if (Array.isArray(nodes)) return nodes.flatMap(drawnHeadings);
  if (typeof nodes !== 'object' || nodes === null) return [];
  const node = nodes as unknown as Record<string, unknown>;
  const style = typeof node.style === 'string' ? /^h([1-3])$/.exec(node.style) : null;
  if (style && typeof node.text === 'string')
    return [{ text: node.text, level: Number(style[1]), listed: node.tocItem === true }];
  return ['stack', 'columns', 'ul', 'ol'].flatMap((key) =>
    Array.isArray(node[key]) ? drawnHeadings(node[key] as Content[]) : [],
  );
}
const definition = () => briefDocument(model, charts, { drawable: (text) => text }).content;

interface Found {
  readonly page: number;
  readonly node: StructureNode;
  readonly text: string;
}
const everywhere = (pdf: TaggedPdf, test: (node: StructureNode) => boolean): Found[] =>
  pdf.pages.flatMap((page, index) =>
    [...structureNodes(page.tree)]
      .filter(test)
      .map((node) => ({ page: index + 1, node, text: elementText(page, node) })),
  );
const childRoles = (node: StructureNode) =>
  node.children.flatMap((child) => ('role' in child ? [child.role] : []));

describe('the tagged PDF brief', () => {
  let pdf: Buffer;
  let raw: string;
  let tagged: TaggedPdf;

  beforeAll(async () => {
    pdf = await renderBriefPdf(model);
    raw = pdf.toString('latin1');
    tagged = await readTaggedPdf(pdf);
  });

  it('hangs every page’s content under one Document element', () => {
    for (const page of tagged.pages) {
      expect(page.tree?.children.map((child) => ('role' in child ? child.role : child.type))).toEqual([
        'Document',
      ]);
    }
  });

  it('tags the headings in reading order, H1 for each section, levels never skipping', () => {
    const headings = everywhere(tagged, (node) => /^H[1-6]$/.test(node.role));
    expect(headings.map((heading) => heading.text)).toEqual(
      drawnHeadings(definition()).map((each) => each.text),
    );
    expect(headings.filter((heading) => heading.node.role === 'H1').map((heading) => heading.text)).toEqual([
      dashboardHeading(model),
      'Contents',
      BRIEF_TITLES.executiveSummary,
      BRIEF_TITLES.charts,
      ...model.goals.map((goal) => goal.label),
      BRIEF_TITLES.missionAreaView,
      BRIEF_TITLES.atRisk,
      BRIEF_TITLES.missing,
      BRIEF_TITLES.appendix,
    ]);
    // Drawn at level 3 right under a section title, a sub-heading is tagged H2: no level is skipped.
    const levels = headings.map((heading) => Number(heading.node.role.slice(1)));
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => {
      expect(level, headings[index]?.text).toBeLessThanOrEqual((levels[index - 1] ?? 0) + 1);
    });
    const summary = headings.findIndex((heading) => heading.text === BRIEF_TITLES.executiveSummary);
    expect(
      headings.slice(summary + 1, summary + 3).map((heading) => [heading.text, heading.node.role]),
    ).toEqual([
      [HEADLINE_CHANGES_TITLE, 'H2'],
      [SUMMARY_TABLE_TITLE, 'H2'],
    ]);
  });

  it('tags every table as rows of header and data cells, headers scoped', () => {
    const tables = everywhere(tagged, (node) => node.role === 'Table');
    expect(tables.length).toBeGreaterThan(50);
    for (const { node, page } of tables) {
      const rows = node.children.filter((child) => 'role' in child) as StructureNode[];
      expect(rows.length, `a table on page ${page}`).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.role).toBe('TR');
        for (const role of childRoles(row)) expect(['TH', 'TD']).toContain(role);
      }
      expect(
        [...structureNodes(node)].some((cell) => cell.role === 'TH'),
        `a table on page ${page}`,
      ).toBe(true);
    }
    // pdf.js does not expose attributes: every TH dictionary in the file carries its scope.
    const headerCells = pdfObjects(raw).filter((object) => object.includes('/S /TH\n'));
    expect(headerCells.length).toBeGreaterThan(100);
    for (const cell of headerCells) expect(cell).toMatch(/\/O \/Table\n\/Scope \/(Column|Row)/);
    // The agency-and-goals table: its header row, then a row headed by its level.
    const agency = tables.find(({ text }) => text.startsWith('Level Status'));
    const agencyRows = (agency?.node.children ?? []) as StructureNode[];
    expect(agencyRows.slice(0, 2).map(childRoles)).toEqual([
      Array(10).fill('TH'),
      ['TH', ...Array(9).fill('TD')],
    ]);
  });

  it('tags every chart and sparkline as a Figure whose alternative text is its description', () => {
    const figures = everywhere(tagged, (node) => node.role === 'Figure');
    expect(figures.map(({ node }) => node.alt)).toEqual([
      ...charts.goalTrends.map((trend) => trend.description),
      ...charts.missionAreaTrends.map((trend) => trend.description),
      charts.statusByGoal.description,
      charts.statusByMissionArea.description,
      charts.trendByGoal.description,
      charts.trendByMissionArea.description,
    ]);
  });

  it('leaves no text untagged: every piece is content of an element of the tree, or an artifact', () => {
    let checked = 0;
    tagged.pages.forEach((page, index) => {
      const ids = contentIds(page.tree);
      for (const text of page.texts) {
        checked++;
        const innermost = text.marks.at(-1);
        const artifact = text.marks.some((mark) => mark.tag === 'Artifact');
        const content = innermost?.id != null && ids.has(innermost.id);
        expect(artifact || content, `page ${index + 1}: "${text.text}"`).toBe(true);
        // Exactly one: real content is never inside an artifact, nor an artifact inside content.
        expect(artifact && text.marks.length > 1, `page ${index + 1}: "${text.text}"`).toBe(false);
      }
      expect(page.unmarkedPainting, `page ${index + 1}: painted outside marked content`).toBe(0);
    });
    expect(checked).toBeGreaterThan(2000);
  });

  it('marks running headers, footers, page numbers and repeated table headers as artifacts', () => {
    const artifacts = tagged.pages.map((page) =>
      page.texts
        .filter((text) => text.marks.some((mark) => mark.tag === 'Artifact'))
        .map((text) => text.text),
    );
    artifacts.forEach((texts, index) => {
      expect(texts).toContain(`Page ${index + 1} of ${tagged.pages.length}`);
      // Page 1's footer line is the facts of this version, said nowhere else: content (see the page-1 test).
      if (index > 0) expect(texts).toContain('Generated 2026-11-05 from snapshot v3');
      else expect(texts.join(' ')).not.toContain('Generated');
      if (index > 0) expect(texts.join(' ')).toContain('Status brief · October 2026 (2026-10)');
    });
    // The overdue-milestones table continues on a new page under a copy of its header row.
    const repeated = artifacts.findIndex((texts) => texts.includes('Milestone'));
    expect(repeated).toBeGreaterThan(0);
    const continued = everywhere(tagged, (node) => node.role === 'TH').filter(
      ({ page, text }) => page === repeated + 1 && text === 'Milestone',
    );
    expect(continued).toEqual([]);
  });

  it('tags the contents as a TOC whose entries link to their sections, each link described', () => {
    const [toc, ...others] = everywhere(tagged, (node) => node.role === 'TOC');
    expect(others).toEqual([]);
    const entries = (toc?.node.children ?? []) as StructureNode[];
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry.role).toBe('TOCI');
      expect(childRoles(entry)).toEqual(['Reference']);
      const [link] = (entry.children[0] as StructureNode).children as StructureNode[];
      expect(link?.role).toBe('Link');
      expect(link?.children.some((child) => 'type' in child && child.type === 'object')).toBe(true);
    }
    // An entry reads as its heading and page number; every heading the contents lists has one.
    const contents = tagged.pages[(toc?.page ?? 1) - 1];
    const texts = entries.map((entry) => (contents ? elementText(contents, entry) : ''));
    for (const text of texts) expect(text).toMatch(/ \d+$/);
    expect(texts.map((text) => text.replace(/ \d+$/, ''))).toEqual(
      drawnHeadings(definition())
        .filter((heading) => heading.listed)
        .map((heading) => heading.text),
    );
    const links = pdfObjects(raw).filter((object) => object.includes('/Subtype /Link\n'));
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) {
      expect(link).toMatch(/\/StructParent \d+/);
      expect(link).toMatch(/\/Contents \(\S/);
    }
    expect(raw).toMatch(/\/Contents \(Summary and changes\)/);
    // Pages with annotations are tabbed in structure order (PDF/UA 7.18.3).
    expect(raw).toMatch(/\/Tabs \/S/);
  });

  it('tags lists as L of LI, bulleted items as their body alone', () => {
    // Headline changes; improved and worsened on page 1; how the figures are made.
    const lists = everywhere(tagged, (node) => node.role === 'L');
    expect(lists.map(({ page }) => page)).toContain(1);
    expect(lists.length).toBeGreaterThanOrEqual(4);
    for (const { node } of lists)
      for (const item of node.children as StructureNode[]) {
        expect(item.role).toBe('LI');
        // A bullet is a drawn shape (decoration), not a label; numbered lists: structure-writer.test.ts.
        expect(childRoles(item)).toEqual(['LBody']);
      }
    expect(raw).toMatch(/\/O \/List\n\/ListNumbering \/Disc/);
  });

  it('declares PDF/UA-1 and PDF/A-2a, with the title shown, the language, and marked content', () => {
    expect(tagged.xmp.get('pdfuaid:part')).toBe('1');
    expect(tagged.xmp.get('pdfaid:part')).toBe('2');
    expect(tagged.xmp.get('pdfaid:conformance')).toBe('A');
    expect(tagged.xmp.get('dc:title')).toBe(tagged.info.Title);
    expect(tagged.xmp.get('xmp:modifydate')).toBe('2026-11-05T12:00:00Z');
    expect(tagged.info.Title).toBe(
      'U.S. Customs and Border Protection Strategy 2024–2028: Status Brief, October 2026',
    );
    expect(tagged.info.Language).toBe('en-US');
    expect(tagged.markInfo).toMatchObject({ Marked: true, Suspects: false });
    expect(tagged.viewerPreferences).toMatchObject({ DisplayDocTitle: true });
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
  });

  it('embeds every font with a Unicode map and its CID-to-glyph map', () => {
    const fonts = pdfObjects(raw).filter((object) => object.includes('/Type /Font\n'));
    const top = fonts.filter((font) => !font.includes('/Subtype /CIDFontType2'));
    expect(top.length).toBeGreaterThanOrEqual(3);
    for (const font of top) {
      expect(font).toMatch(/\/Subtype \/Type0/);
      expect(font).toMatch(/\/ToUnicode \d+ 0 R/);
    }
    for (const font of fonts.filter((each) => each.includes('/Subtype /CIDFontType2'))) {
      expect(font).toMatch(/\/FontDescriptor \d+ 0 R/);
      expect(font).toMatch(/\/CIDToGIDMap \/Identity/);
    }
    expect(raw.match(/\/FontFile2 \d+ 0 R/g)?.length).toBe(top.length);
  });

  it('has a bookmark for every heading the contents lists, nested as the headings are', () => {
    const listed = drawnHeadings(definition()).filter((heading) => heading.listed);
    const flat = (items: TaggedPdf['outline']): string[] =>
      items.flatMap((item) => [item.title, ...flat(item.items)]);
    expect(flat(tagged.outline)).toEqual(listed.map((heading) => heading.text));
    // Top level: the sections' H1s but the contents themselves; page 1's sub-headings are not listed.
    expect(tagged.outline.map((bookmark) => bookmark.title)).toEqual(
      everywhere(tagged, (node) => node.role === 'H1')
        .map((heading) => heading.text)
        .filter((text) => text !== 'Contents'),
    );
    expect(tagged.outline[0]).toEqual({ title: dashboardHeading(model), items: [] });
    const objectives = model.goals[0]?.objectives.map((objective) => `Objective ${objective.label}`) ?? [];
    expect(objectives.length).toBeGreaterThan(1);
    const goal = tagged.outline.find((bookmark) => bookmark.title === model.goals[0]?.label);
    expect(goal?.items.map((item) => item.title)).toEqual(objectives);
    // Closed items count their children, negatively (ISO 32000-1 12.3.3).
    expect(raw).toMatch(new RegExp(`/Count -${objectives.length}\\b`));
  });

  it('prints the marking banner top and bottom of every page, as an artifact but once: first on page 1, as content', async () => {
    const banner = 'CONTROLLED UNCLASSIFIED INFORMATION';
    const marked = await readTaggedPdf(
      await renderBriefPdf(buildReportModel(snapshot, { ...context, markingBanner: banner })),
    );
    marked.pages.forEach((page, index) => {
      const banners = page.texts.filter((text) => text.text === banner);
      expect(banners).toHaveLength(2);
      const artifacts = banners.filter((each) => each.marks.map((mark) => mark.tag).join() === 'Artifact');
      expect(artifacts, `page ${index + 1}`).toHaveLength(index === 0 ? 1 : 2);
    });
    const [first] = marked.pages;
    const document = first?.tree?.children[0] as StructureNode;
    const opening = document.children[0] as StructureNode;
    expect(opening.role).toBe('P');
    expect(first && elementText(first, opening)).toBe(banner);
  });

  it('tags page 1: the notice of the version it replaces, the figures, the levels with their sparklines, the risks, the changes and the facts of the version', async () => {
    const replacing = await readTaggedPdf(
      await renderBriefPdf(
        buildReportModel(snapshot, {
          ...context,
          supersedes: REPLACES_VERSION_1,
        }),
      ),
    );
    const page = replacing.pages[0];
    const document = page?.tree?.children[0] as StructureNode;
    const parts = (document.children as StructureNode[]).map((node) => ({
      node,
      role: node.role,
      text: page ? elementText(page, node) : '',
    }));
    expect(parts.map((part) => part.role)).toEqual([
      'P', // the plan's title
      'H1',
      'P', // the notice
      'Table', // overall status, percent complete, offices reported
      'P', // completeness
      'H2',
      'Table', // goals
      'Table', // mission areas
      'H2',
      'Table', // top risks
      'H2',
      'H3',
      'L', // improved
      'H3',
      'L', // worsened
      'P', // the facts of this version, from the footer line
    ]);
    expect(parts[1]?.text).toBe(dashboardHeading(model));
    expect(parts[2]?.text).toMatch(
      /^This replaces version 1 of the October 2026 brief, issued on 3 November 2026\. /,
    );
    expect(parts.at(-1)?.text).toBe(coverFactsLine(model));
    // The three figures: each named by its column header, none a row header.
    const rows = (table: StructureNode | undefined) => (table?.children ?? []) as StructureNode[];
    expect(rows(parts[3]?.node).map(childRoles)).toEqual([
      ['TH', 'TH', 'TH'],
      ['TD', 'TD', 'TD'],
    ]);
    // A level per row, headed by its name, its sparkline a Figure in the last cell.
    for (const [levels, trends] of [
      [parts[6]?.node, charts.goalTrends],
      [parts[7]?.node, charts.missionAreaTrends],
    ] as const) {
      const [header, ...body] = rows(levels);
      expect(childRoles(header as StructureNode)).toEqual(Array(5).fill('TH'));
      expect(body).toHaveLength(trends.length);
      body.forEach((row, index) => {
        expect(childRoles(row)).toEqual(['TH', 'TD', 'TD', 'TD', 'TD']);
        const trend = (row.children as StructureNode[])[4];
        expect(trend?.children).toEqual([
          expect.objectContaining({ role: 'Figure', alt: trends[index]?.description }),
        ]);
      });
    }
    expect(rows(parts[9]?.node)).toHaveLength(1 + 5);
  });

  it('refuses to render a picture without alternative text', async () => {
    const rawPicture: PdfSection = () => [{ svg: charts.statusByGoal.svg, width: 200 }];
    await expect(
      renderPdfA(briefDocument(model, charts, { drawable: (text) => text }, [rawPicture])),
    ).rejects.toThrow(/a svg in the PDF has no alternative text/);
  });
});
