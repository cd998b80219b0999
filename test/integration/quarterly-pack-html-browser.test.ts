import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderQuarterlyPack } from '../../shared/adapters/review/quarterly-pack-files';
import { axeViolations, openPhonePage, pageWidths } from '../support/phone-browser';
import { scenarioInputs } from '../support/quarterly-review-scenario';

/**
 * The quarterly review pack's HTML as a phone shows it: headless Chromium at 390 CSS pixels, as
 * the brief's HTML is tested (brief-html-browser.test.ts).
 */
describe('the quarterly pack HTML in a browser at 390 px', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { inputs } = await scenarioInputs();
    const { html } = await renderQuarterlyPack(inputs, {
      generatedAt: '2027-01-20T12:00:00.000Z',
      rendererVersion: '0.1.0-test',
    });
    ({ browser, page } = await openPhonePage(html));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('reflows: the page does not scroll sideways; wide tables scroll in their own labelled, focusable box', async () => {
    const widths = await pageWidths(page);
    expect(widths.innerWidth).toBe(390);
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.innerWidth);
    const boxes = await page.$$eval('.table-scroll', (elements) =>
      elements.map((box) => ({
        label: box.getAttribute('aria-label'),
        tabIndex: (box as HTMLElement).tabIndex,
      })),
    );
    expect(boxes.length).toBeGreaterThan(20);
    for (const box of boxes) {
      expect(box.label).toBeTruthy();
      expect(box.tabIndex).toBe(0);
    }
  });

  it('has no accessibility violations that axe-core finds', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
