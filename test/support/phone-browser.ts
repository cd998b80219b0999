import chromium from '@sparticuz/chromium';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * A page as a phone shows it: headless Chromium (from @sparticuz/chromium, no download) at 390 CSS
 * pixels wide, the narrowest common phone, with the HTML loaded. The reports' CSP forbids every
 * script, the test's axe included: it is bypassed for the test only.
 */
export async function openPhonePage(html: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await puppeteer.launch({
    args: chromium.args,
    executablePath: await chromium.executablePath(),
    headless: true,
  });
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width: 390, height: 844 });
  await page.setContent(html, { waitUntil: 'load' });
  return { browser, page };
}

/** What axe-core finds wrong with the page: each violation's id and its first three places. */
export async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ content: axe.source });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  )) as axe.AxeResults;
  return result.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
  }));
}

/** How wide the page is drawn against the window: a page that reflows is no wider than the window. */
export function pageWidths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}
