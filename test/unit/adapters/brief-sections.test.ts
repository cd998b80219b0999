import type { Content } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { BRIEF_HTML_SECTIONS, renderBriefHtml } from '../../../shared/adapters/html/brief-html';
import { atRiskDetail as atRiskHtml } from '../../../shared/adapters/html/sections/at-risk-detail';
import { executiveSummary as executiveSummaryHtml } from '../../../shared/adapters/html/sections/executive-summary';
import { BRIEF_SECTIONS, briefDocument } from '../../../shared/adapters/pdf/brief-document';
import type { PdfBrief } from '../../../shared/adapters/pdf/pdf-blocks';
import { atRiskDetail } from '../../../shared/adapters/pdf/sections/at-risk-detail';
import { contentsPage, coverPage } from '../../../shared/adapters/pdf/sections/cover-page';
import { executiveSummary } from '../../../shared/adapters/pdf/sections/executive-summary';
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
const styleOf = (node: Content) => (typeof node === 'object' && 'style' in node ? node.style : undefined);

describe('the PDF brief’s sections', () => {
  it('each start with a level-1 heading on a new page, after the cover and the contents', () => {
    for (const section of BRIEF_SECTIONS.filter((part) => part !== coverPage && part !== contentsPage)) {
      const [first] = section(brief);
      expect(first, section.name).toMatchObject({ style: 'h1', tocItem: true, pageBreak: 'before' });
    }
  });

  it('make the document in the order given, so a brief can be any list of them', () => {
    const document = briefDocument(model, charts, { drawable: (text) => text }, [
      coverPage,
      atRiskDetail,
      executiveSummary,
    ]);
    const content = document.content as Content[];
    const headings = content
      .filter((node) => styleOf(node) === 'h1')
      .map((node) => (node as { text: string }).text);
    expect(headings).toEqual(['At-risk detail', 'Executive summary']);
    expect(content).toHaveLength(
      coverPage(brief).length + atRiskDetail(brief).length + executiveSummary(brief).length,
    );
  });

  it('keep tables and figures as pdfmake table and svg nodes', () => {
    const nodes = JSON.stringify(briefDocument(model, charts, { drawable: (text) => text }).content);
    expect(nodes.match(/"svg":"<svg /g)).toHaveLength(4);
    expect(nodes).toContain('"table":{"headerRows":1');
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
