import type { Content } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { BRIEF_HTML_SECTIONS, renderBriefHtml } from '../../../shared/adapters/html/brief-html';
import { atRiskDetail as atRiskHtml } from '../../../shared/adapters/html/sections/at-risk-detail';
import { executiveSummary as executiveSummaryHtml } from '../../../shared/adapters/html/sections/executive-summary';
import { BRIEF_SECTIONS, briefDocument } from '../../../shared/adapters/pdf/brief-document';
import type { PdfBrief } from '../../../shared/adapters/pdf/pdf-blocks';
import { atRiskDetail } from '../../../shared/adapters/pdf/sections/at-risk-detail';
import { contentsPage } from '../../../shared/adapters/pdf/sections/contents-page';
import { dashboardPage } from '../../../shared/adapters/pdf/sections/dashboard-page';
import { executiveSummary } from '../../../shared/adapters/pdf/sections/executive-summary';
import { KEEP_WITH_NEXT } from '../../../shared/adapters/pdf/sections/keep-together';
import { reportCharts } from '../../../shared/domain/report/charts/report-charts';
import { buildReportModel } from '../../../shared/domain/report/report-model';
import { populatedSnapshot } from '../../support/populated-snapshot';

/**
 * The briefs are lists of section functions (issue 11): a later brief adds, drops or reorders
 * sections, and a tagged PDF wraps each heading, table and figure. These tests hold that shape.
 */
const model = buildReportModel(populatedSnapshot(), {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
});
const charts = reportCharts(model);
const brief: PdfBrief = { model, charts, t: (value) => value ?? '' };

/** The first heading of a section, in a kept-together stack or not. */
function firstHeading(nodes: readonly Content[]): Record<string, unknown> | undefined {
  for (const node of nodes) {
    if (typeof node !== 'object' || node === null) continue;
    const fields = node as unknown as Record<string, unknown>;
    if (Array.isArray(fields.stack)) {
      const found = firstHeading(fields.stack as Content[]);
      if (found) return found;
    } else if (typeof fields.style === 'string' && /^h[1-3]$/.test(fields.style)) return fields;
  }
  return undefined;
}

describe('the PDF brief’s sections', () => {
  it('open with a level-1 heading listed in the contents; only the contents start a page of their own', () => {
    for (const section of BRIEF_SECTIONS.filter((part) => part !== contentsPage)) {
      const nodes = section(brief);
      expect(firstHeading(nodes), section.name).toMatchObject({ style: 'h1', tocItem: true });
      expect(JSON.stringify(nodes), section.name).not.toContain('"pageBreak"');
    }
    expect(BRIEF_SECTIONS[0]).toBe(dashboardPage);
    expect(contentsPage()[0]).toMatchObject({ style: 'h1', pageBreak: 'before' });
  });

  it('make the document in the order given, so a brief can be any list of them', () => {
    const document = briefDocument(model, charts, { drawable: (text) => text }, [
      atRiskDetail,
      executiveSummary,
    ]);
    const headings = JSON.stringify(document.content).match(/"text":"[^"]*","style":"h1"/g) ?? [];
    expect(headings.map((heading) => JSON.parse(`{${heading}}`).text)).toEqual([
      'At-risk detail',
      'Summary and changes',
    ]);
    expect(document.content).toHaveLength(atRiskDetail(brief).length + executiveSummary(brief).length);
  });

  it('keep tables and figures as pdfmake table and svg nodes, and give every chart a text description', () => {
    const nodes = JSON.stringify(briefDocument(model, charts, { drawable: (text) => text }).content);
    const drawn = [
      charts.statusByGoal,
      charts.statusByMissionArea,
      charts.trendByGoal,
      charts.trendByMissionArea,
      ...charts.goalTrends,
      ...charts.missionAreaTrends,
    ];
    expect(nodes.match(/"svg":"<svg /g)).toHaveLength(drawn.length);
    expect(nodes).toContain('"table":{"headerRows":1');
    for (const chart of drawn) {
      expect(nodes).toContain(JSON.stringify(chart.svg).slice(1, 60));
      expect(chart.description.length, chart.id).toBeGreaterThan(20);
    }
  });

  it('keep every heading outside an unbreakable block or columns with what follows it (the page-break hook moves it), and no heading inside one', () => {
    const content = briefDocument(model, charts, { drawable: (text) => text }).content as Content[];
    const found: { text: unknown; kept: 'marked' | 'block' | 'none' }[] = [];
    const visit = (node: Content, inside: 'marked' | 'block' | 'none') => {
      if (typeof node !== 'object' || node === null) return;
      const fields = node as unknown as Record<string, unknown>;
      if (Array.isArray(fields.stack)) {
        const kept =
          fields.unbreakable === true ? 'block' : fields.style === KEEP_WITH_NEXT ? 'marked' : inside;
        for (const child of fields.stack as Content[]) visit(child, inside === 'none' ? kept : inside);
      } else if (Array.isArray(fields.columns)) {
        // Side by side (page 1's improved and worsened): pdfmake cannot break before one column.
        for (const child of fields.columns as Content[]) visit(child, 'block');
      } else if (typeof fields.headlineLevel === 'number') found.push({ text: fields.text, kept: inside });
    };
    for (const node of content) visit(node, 'none');
    expect(found.filter((heading) => heading.kept === 'none' && heading.text !== 'Contents')).toEqual([]);
    expect(found.filter((heading) => heading.kept === 'marked').length).toBeGreaterThan(10);
    expect(found.filter((heading) => heading.kept === 'block').length).toBeGreaterThan(10);
  });
});

describe('the HTML brief’s sections', () => {
  it('have unique ids, each listed once in the contents in order', () => {
    const sections = BRIEF_HTML_SECTIONS.flatMap((build) => build({ model, charts }));
    const ids = sections.map((section) => section.id);
    expect(new Set(ids).size).toBe(ids.length);
    const html = renderBriefHtml(model, charts);
    const listed = [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((match) => match[1]);
    expect(listed.slice(0, ids.length)).toEqual(ids);
  });

  it('make the page in the order given', () => {
    const html = renderBriefHtml(model, charts, [atRiskHtml, executiveSummaryHtml]);
    const headings = [...html.matchAll(/<h2 id="([^"]+)-heading">/g)].map((match) => match[1]);
    expect(headings).toEqual(['at-risk', 'executive-summary']);
  });
});
