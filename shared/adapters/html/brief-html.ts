import {
  briefDescription,
  briefDocumentTitle,
  briefRunningTitle,
  briefSubtitle,
  coverFacts,
  supersedesNotice,
} from '../../domain/report/brief-wording';
import {
  type ReportChartSizes,
  type ReportCharts,
  reportCharts,
} from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { BRIEF_STYLE } from './brief-html-style';
import type { HtmlSection, HtmlSectionBuilder } from './html-blocks';
import { escapeHtml as e } from './html-text';
import { atRiskDetail } from './sections/at-risk-detail';
import { chartsSection } from './sections/charts-section';
import { dashboard } from './sections/dashboard';
import { executiveSummary } from './sections/executive-summary';
import { goalSections } from './sections/goal-sections';
import { missingSubmissions } from './sections/missing-submissions';
import { missionAreaView } from './sections/mission-area-view';
import { sourcesAppendix } from './sections/sources-appendix';

/** The sections of the HTML brief, in order: each is listed in the contents, which follow the first. */
export const BRIEF_HTML_SECTIONS: readonly HtmlSectionBuilder[] = [
  dashboard,
  executiveSummary,
  chartsSection,
  goalSections,
  missionAreaView,
  atRiskDetail,
  missingSubmissions,
  sourcesAppendix,
];

/**
 * Charts for a phone first: drawn 360 units wide with 13-unit text and scaled to the column (at
 * most 36rem), so at 390 CSS pixels, the narrowest common phone, their text is at least 12 px.
 */
export const HTML_CHART_SIZES: ReportChartSizes = {
  scale: { width: 360, fontSize: 13 },
  sparkline: { width: 72, height: 20 },
};

/**
 * The accessible HTML brief: the same content as the PDF, as a single self-contained page (no
 * script, no external resource, a Content-Security-Policy that forbids loading any), with semantic
 * headings and landmarks, tables with captions and scoped header cells, and every chart given a
 * text alternative (title, description and its data as a table). The PDF brief is tagged too
 * (PDF/UA-1); this is the version for readers who prefer a browser.
 */
export function renderBriefHtml(
  model: ReportModel,
  charts: ReportCharts = reportCharts(model, HTML_CHART_SIZES),
  builders: readonly HtmlSectionBuilder[] = BRIEF_HTML_SECTIONS,
): string {
  const sections = builders.flatMap((build) => build({ model, charts }));
  const banner = model.markingBanner
    ? `<p class="banner" role="note" aria-label="Marking">${e(model.markingBanner)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en-US">
${pageHead(model)}
<body>
<a class="skip" href="#main">Skip to the brief</a>
<header>
${banner}
<p class="muted">${e(briefRunningTitle(model))}</p>
</header>
<main id="main">
${cover(model)}
${sections.slice(0, 1).map(sectionHtml).join('\n')}
${contents(sections)}
${sections.slice(1).map(sectionHtml).join('\n')}
</main>
<footer>
${facts(model)}
${banner}
</footer>
</body>
</html>
`;
}

function pageHead(model: ReportModel): string {
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="strategy-report">
<meta name="description" content="${e(briefDescription(model))}">
<title>${e(briefDocumentTitle(model))}</title>
<style>${BRIEF_STYLE}</style>
</head>`;
}

/** Title and period, then, for a version that replaces another, which one and why. */
function cover(model: ReportModel): string {
  const notice = supersedesNotice(model);
  return `<h1>${e(model.title)}</h1>
<p class="lead">${e(briefSubtitle(model))}</p>${notice ? `\n<p class="notice" role="note">${e(notice)}</p>` : ''}`;
}

/** The facts of this version, at the foot of the page. */
function facts(model: ReportModel): string {
  const items = coverFacts(model).map(
    ({ label, value, date }) =>
      `<dt>${e(label)}</dt><dd>${date === undefined ? e(value) : `<time datetime="${e(date)}">${e(value)}</time>`}</dd>`,
  );
  return `<dl class="facts muted">
${items.join('\n')}
</dl>`;
}

function contents(sections: readonly HtmlSection[]): string {
  return `<nav aria-label="Contents">
<h2 id="contents">Contents</h2>
<ol>
${sections.map((section) => `<li><a href="#${section.id}">${e(section.title)}</a></li>`).join('\n')}
</ol>
</nav>`;
}

const sectionHtml = (
  section: HtmlSection,
) => `<section aria-labelledby="${section.id}-heading" id="${section.id}">
<h2 id="${section.id}-heading">${e(section.title)}</h2>
${section.html}
</section>`;
