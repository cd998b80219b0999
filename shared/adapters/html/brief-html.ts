import {
  briefDescription,
  briefDocumentTitle,
  briefRunningTitle,
  briefSubtitle,
  coverFacts,
  overallStatusLine,
} from '../../domain/report/brief-wording';
import { type ReportCharts, reportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { BRIEF_STYLE } from './brief-html-style';
import type { HtmlSection, HtmlSectionBuilder } from './html-blocks';
import { escapeHtml as e } from './html-text';
import { atRiskDetail } from './sections/at-risk-detail';
import { chartsSection } from './sections/charts-section';
import { executiveSummary } from './sections/executive-summary';
import { goalSections } from './sections/goal-sections';
import { missingSubmissions } from './sections/missing-submissions';
import { missionAreaView } from './sections/mission-area-view';
import { sourcesAppendix } from './sections/sources-appendix';

/** The sections of the HTML brief after its cover, in order: each is listed in the contents. */
export const BRIEF_HTML_SECTIONS: readonly HtmlSectionBuilder[] = [
  executiveSummary,
  chartsSection,
  goalSections,
  missionAreaView,
  atRiskDetail,
  missingSubmissions,
  sourcesAppendix,
];

/**
 * The accessible HTML brief: the same content as the PDF, as a single self-contained page (no
 * script, no external resource, a Content-Security-Policy that forbids loading any), with semantic
 * headings and landmarks, tables with captions and scoped header cells, and every chart given a
 * text alternative (title, description and its data as a table). The PDF brief is tagged too
 * (PDF/UA-1); this is the version for readers who prefer a browser.
 */
export function renderBriefHtml(
  model: ReportModel,
  charts: ReportCharts = reportCharts(model),
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
${banner}
<header>
<p class="muted">${e(briefRunningTitle(model))}</p>
</header>
<main id="main">
${cover(model)}
${contents(sections)}
${sections.map(sectionHtml).join('\n')}
</main>
<footer>
<p class="muted">${e(`Generated ${model.generatedOn} from rollup snapshot version ${model.snapshot.version}.`)}</p>
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

/** Title, period, offices reported, overall status and the facts of this version. */
function cover(model: ReportModel): string {
  const facts = coverFacts(model).map(
    ({ label, value, date }) =>
      `<dt>${e(label)}</dt><dd>${date === undefined ? e(value) : `<time datetime="${e(date)}">${e(value)}</time>`}</dd>`,
  );
  return `<h1>${e(model.title)}</h1>
<p class="lead">${e(briefSubtitle(model))}</p>
<p class="figure">${e(model.offices.text)}</p>
<p>${e(overallStatusLine(model))}</p>
<dl class="facts">
${facts.join('\n')}
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
