import { describe, expect, it } from 'vitest';
import { renderBriefHtml } from '../../../../shared/adapters/html/brief-html';
import { buildReportModel, type RenderContext } from '../../../../shared/domain/report/report-model';
import { expectedFigures } from '../../../support/expected-report-figures';
import { planWithoutMissionAreas } from '../../../support/plan-without-mission-areas';
import { NASTY_TEXT, populatedSnapshot } from '../../../support/populated-snapshot';
import { htmlText, normalize } from '../../../support/report-text';

const context: RenderContext = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
};
const snapshot = populatedSnapshot();
const html = renderBriefHtml(buildReportModel(snapshot, context));
const text = htmlText(html);

describe('the accessible HTML brief', () => {
  it('shows every figure of the snapshot, as the PDF does', () => {
    const missing = expectedFigures(snapshot).filter((figure) => !text.includes(figure.text));
    expect(missing).toEqual([]);
  });

  it('declares its language and title and loads nothing from anywhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-US">/);
    expect(html).toContain(
      '<title>U.S. Customs and Border Protection Strategy 2024–2028: Status Brief, October 2026</title>',
    );
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/<(script|img|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\s(src|srcset)=/i);
    for (const [, target] of html.matchAll(/href="([^"]*)"/g)) expect(target).toMatch(/^#[a-z0-9-]+$/);
  });

  it('uses one h1 and headings that do not skip levels', () => {
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, index) => {
      if (index > 0) expect(level - (levels[index - 1] ?? 1)).toBeLessThanOrEqual(1);
    });
  });

  it('gives every table a caption and scoped header cells', () => {
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((match) => match[1] ?? '');
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      expect(table).toMatch(/^\n<caption>[^<]+<\/caption>/);
      expect(table).toMatch(/<thead><tr>(<th scope="col">[^<]*<\/th>)+<\/tr><\/thead>/);
      expect(table).not.toMatch(/<th(?=[\s>])(?! scope="(col|row)")/);
    }
  });

  it('gives every chart a text alternative: an image role named by its title and description, and its data as a table', () => {
    const figures = [...html.matchAll(/<figure[\s\S]*?<\/figure>/g)].map((match) => match[0]);
    expect(figures).toHaveLength(4);
    for (const figure of figures) {
      const svg =
        /<svg role="img" aria-labelledby="([^"]+) ([^"]+)"[^>]*><title id="\1">[^<]+<\/title><desc id="\2">[^<]+<\/desc>/.exec(
          figure,
        );
      expect(svg).not.toBeNull();
      expect(figure).toMatch(/<\/svg>[\s\S]*<table>\n<caption>/);
    }
  });

  it('has unique ids', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows submitted text as text: markup, control characters and formula-looking text are inert', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('\u0007');
    expect(html).not.toContain('\u0000');
    expect(text).toContain('bell\ufffd and nul\ufffd inside');
    expect(text).toContain(normalize(NASTY_TEXT.unicode));
    expect(text).toContain(normalize(NASTY_TEXT.long));
  });

  it('prints the marking banner only when configured', () => {
    expect(html).not.toContain('class="banner"');
    const marked = renderBriefHtml(buildReportModel(snapshot, { ...context, markingBanner: 'CUI' }));
    expect(marked.match(/<p class="banner" role="note" aria-label="Marking">CUI<\/p>/g)).toHaveLength(2);
  });

  it('opens with the glance: overall status and percent, N of M offices, every goal and mission area with its status and trend, the top five risks', () => {
    const glance =
      /<section aria-labelledby="at-a-glance-heading" id="at-a-glance">([\s\S]*?)<\/section>/.exec(
        html,
      )?.[1] ?? '';
    const glanceText = htmlText(glance);
    expect(html.indexOf('id="at-a-glance"')).toBeLessThan(html.indexOf('<nav'));
    expect(glanceText).toContain(`Overall status ${snapshot.agency.status}`);
    expect(glanceText).toContain(`Percent complete ${snapshot.agency.percentComplete?.toFixed(1)}%`);
    expect(glanceText).toContain('Offices reported 5 of 6 missing: ES');
    for (const goal of snapshot.goals)
      expect(glanceText).toContain(`Goal ${goal.id}: ${goal.title} ${goal.status}`);
    for (const area of snapshot.missionAreas) expect(glanceText).toContain(`${area.title} ${area.status}`);
    expect(
      glance.match(/<svg class="sparkline" role="img" aria-label="[^"]+percent complete from/g),
    ).toHaveLength(snapshot.goals.length + snapshot.missionAreas.length);
    for (const risk of snapshot.atRisk.slice(0, 5))
      expect(glance).toContain(
        `<th scope="row"><a href="#risk-${risk.rank}">${risk.rank}</a></th><td>${risk.office}</td>`,
      );
    expect(glance).not.toContain(`href="#risk-6"`);
  });

  it('numbers each at-risk entry once: by its heading, not also as a list item', () => {
    const section =
      /<section aria-labelledby="at-risk-heading" id="at-risk">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section).not.toMatch(/<ol|<li/);
    expect(section.match(/<div class="risk" id="risk-\d+"><h3>\d+\. /g)).toHaveLength(snapshot.atRisk.length);
  });

  it('leaves out mission-area rows, charts and the mission-area view for a plan without mission areas', () => {
    const plain = renderBriefHtml(
      buildReportModel(populatedSnapshot({ catalog: planWithoutMissionAreas() }), context),
    );
    expect(htmlText(plain)).not.toMatch(/mission area/i);
    expect(plain).not.toContain('id="mission-areas"');
    expect(plain.match(/<figure/g)).toHaveLength(2);
  });

  it('renders the same snapshot to the same text', () => {
    expect(renderBriefHtml(buildReportModel(snapshot, context))).toBe(html);
  });
});
