import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBriefHtml } from '../../shared/adapters/html/brief-html';
import { buildReportModel } from '../../shared/domain/report/report-model';
import { axeViolations, openPhonePage, pageWidths } from '../support/phone-browser';
import { populatedSnapshot } from '../support/populated-snapshot';

/**
 * The HTML brief as a phone shows it: headless Chromium (from @sparticuz/chromium, no download) at
 * 390 CSS pixels wide. One browser for the file; the page is loaded once.
 */
const html = renderBriefHtml(
  buildReportModel(populatedSnapshot(), {
    generatedAt: '2026-11-05T12:00:00.000Z',
    snapshotVersion: 3,
    snapshotSha256: 'c'.repeat(64),
    markingBanner: 'CONTROLLED UNCLASSIFIED INFORMATION',
    supersedes: {
      version: 1,
      issuedAt: '2026-11-03T09:30:00.000Z',
      changes: [{ office: 'AMO', from: 1, to: 2 }],
    },
  }),
);

describe('the HTML brief in a browser at 390 px', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = await openPhonePage(html));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('does not scroll sideways: wide tables scroll inside their own labelled, focusable box instead', async () => {
    const widths = await pageWidths(page);
    expect(widths.innerWidth).toBe(390);
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.innerWidth);
    const boxes = await page.$$eval('.table-scroll', (elements) =>
      elements.map((box) => ({
        scrolls: box.scrollWidth > box.clientWidth,
        label: box.getAttribute('aria-label'),
        tabIndex: (box as HTMLElement).tabIndex,
        cue: getComputedStyle(box, '::after').content,
        compact: box.classList.contains('compact'),
      })),
    );
    expect(boxes.filter((box) => box.scrolls).length).toBeGreaterThan(10);
    for (const box of boxes) {
      expect(box.label).toBeTruthy();
      expect(box.tabIndex).toBe(0);
      if (!box.compact) expect(box.cue).toBe('"Scroll sideways for more columns"');
    }
  });

  it('draws every chart across the full column with text of at least 12 px', async () => {
    const charts = await page.$$eval('figure svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const column = (svg.closest('section') as HTMLElement).getBoundingClientRect().width;
        const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
        const sizes = Array.from(svg.querySelectorAll('text')).map(
          (text) => Number.parseFloat(text.getAttribute('font-size') ?? '0') * scale,
        );
        return { width: box.width, column, texts: sizes.length, smallest: Math.min(...sizes) };
      }),
    );
    expect(charts).toHaveLength(4);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThanOrEqual(chart.column - 1);
      expect(chart.texts).toBeGreaterThan(5);
      expect(chart.smallest).toBeGreaterThanOrEqual(12);
    }
  });

  it('opens with the notice of what it replaces, then the glance, then the contents', async () => {
    const order = await page.$$eval(
      'main > h1, main > p.notice, main > section > h2, main > nav h2',
      (nodes) => nodes.slice(0, 4).map((node) => node.textContent?.slice(0, 40)),
    );
    expect(order).toEqual([
      'U.S. Customs and Border Protection Strat',
      'This replaces version 1 of the October 2',
      'At a glance',
      'Contents',
    ]);
  });

  it('has no accessibility violations that axe-core finds', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
