import { beforeAll, describe, expect, it } from 'vitest';
import { renderBriefPdf } from '../../../../shared/adapters/pdf/brief-pdf';
import { buildReportModel, type RenderContext } from '../../../../shared/domain/report/report-model';
import { sha256Hex } from '../../../../shared/domain/sha256';
import { expectedFigures } from '../../../support/expected-report-figures';
import { planWithoutMissionAreas } from '../../../support/plan-without-mission-areas';
import { NASTY_TEXT, populatedSnapshot } from '../../../support/populated-snapshot';
import { REPLACES_VERSION_1 } from '../../../support/replacing-version';
import {
  type PdfTextItem,
  pdfInfo,
  pdfOutline,
  pdfPageTexts,
  pdfTextItems,
} from '../../../support/report-text';

const context: RenderContext = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
};
const snapshot = populatedSnapshot();
/** The body of a US Letter page: below the running header, above the footer (y from the bottom). */
const BODY_TOP = 792 - 62;
const BODY_BOTTOM = 58;

describe('the PDF brief', () => {
  let pdf: Buffer;
  let pages: string[];
  let text: string;
  let items: PdfTextItem[];

  beforeAll(async () => {
    pdf = await renderBriefPdf(buildReportModel(snapshot, context));
    pages = await pdfPageTexts(pdf);
    text = pages.join(' ');
    items = await pdfTextItems(pdf);
  });

  it('shows every figure of the snapshot: levels, offices N of M, status counts, trend, at-risk entries and rows', () => {
    const missing = expectedFigures(snapshot).filter((figure) => !text.includes(figure.text));
    expect(missing).toEqual([]);
  });

  it('says the whole picture on page 1 alone: overall status and percent, N of M offices, every goal and mission area by its full name with its status, five risks', () => {
    const page = pages[0] ?? '';
    const agency = snapshot.agency;
    expect(snapshot.trend).toHaveLength(12);
    expect(page).toContain('U.S. Customs and Border Protection Strategy 2024–2028: Status Brief');
    expect(page).toContain('October 2026 at a glance');
    expect(page).toContain(`Overall status Percent complete Offices reported ${agency.status}`);
    expect(page).toContain(
      `${agency.percentComplete?.toFixed(1)}% +${agency.change.percentDelta?.toFixed(1)} pts since September 2026`,
    );
    expect(page).toContain('5 of 6 missing: ES');
    expect(page).toContain('carried forward (ES 11 from 2026-09)');
    for (const goal of snapshot.goals) {
      const row = `Goal ${goal.id}: ${goal.title} ${goal.status} ${goal.percentComplete?.toFixed(1)}%`;
      expect(page, row).toContain(row);
    }
    expect(snapshot.missionAreas.map((area) => area.title)).toContain(
      'Execute National Security Missions, Including Counter Terrorism, and Contingency Operations',
    );
    for (const area of snapshot.missionAreas) {
      const row = `${area.title} ${area.status} ${area.percentComplete?.toFixed(1)}%`;
      expect(page, row).toContain(row);
    }
    const risks = snapshot.atRisk.slice(0, 5);
    expect(risks).toHaveLength(5);
    for (const risk of risks) expect(page).toContain(`${risk.rank} ${risk.office} ${risk.activityId} `);
    expect(page).not.toContain(`6 ${snapshot.atRisk[5]?.office} ${snapshot.atRisk[5]?.activityId} `);
    expect(page).toContain(`Top risks (5 of ${snapshot.atRisk.length})`);
    expect(page).toContain('What changed most since September 2026 Improved');
    expect(page).toContain(
      'Generated 5 November 2026 · data as of 31 October 2026 · catalog cbp-strategy-2024-2028 v1.0.0 · rollup snapshot v3',
    );
  });

  it('has its contents on page 2 and every section after it, in order, each heading in the bookmarks', async () => {
    const headings = [
      'Summary and changes',
      'Headline changes',
      'Agency and goals',
      'Charts',
      'Status by goal',
      'Status by mission area',
      'Percent complete, last 12 periods: agency and goals',
      'Goal 1: Workforce Care, Development, and Professionalism',
      'Goal 4: Leadership and Core Values',
      'Mission-area view',
      'At-risk detail',
      'Missing submissions',
      'Appendix: data sources and rules',
      'Accessible version',
    ];
    expect(pages[1]).toContain('Contents October 2026 at a glance 1 Summary and changes');
    const body = pages.slice(2).join(' ');
    let position = 0;
    for (const heading of headings) {
      const found = body.indexOf(heading, position);
      expect(found, heading).toBeGreaterThanOrEqual(position);
      position = found + heading.length;
    }
    const outline = await pdfOutline(pdf);
    expect(outline.map((item) => item.title)).toEqual([
      'October 2026 at a glance',
      'Summary and changes',
      'Charts',
      ...snapshot.goals.map((goal) => `Goal ${goal.id}: ${goal.title}`),
      'Mission-area view',
      'At-risk detail',
      'Missing submissions',
      'Appendix: data sources and rules',
    ]);
    expect(outline[3]?.items.map((item) => item.title)).toEqual(
      snapshot.objectives
        .filter((objective) => objective.goalId === '1')
        .map((objective) => `Objective ${objective.id} ${objective.title}`),
    );
  });

  it('prints no text smaller than 8 points anywhere, chart labels and running footers included (measured from the content stream)', () => {
    const chartLabel = items.find((item) => /^n=\d+$/.test(item.text));
    const footer = items.find((item) => item.text.startsWith('Page 1 of'));
    expect(chartLabel, 'chart text is measured').toBeDefined();
    expect(footer, 'footer text is measured').toBeDefined();
    const smallest = items.reduce((least, item) => (item.size < least.size ? item : least));
    expect(smallest.size, `${smallest.text} on page ${smallest.page}`).toBeGreaterThanOrEqual(7.99);
    const body = items.filter((item) => item.page > 1 && item.text.startsWith('Why flagged'));
    expect(body.length).toBeGreaterThan(0);
    for (const item of body) expect(item.size).toBeGreaterThanOrEqual(8.99);
  });

  // Mostly empty = less than half filled. A page may end early only where the next block (an at-risk item
  // with a long narrative, say) must not be split.
  it('leaves no heading at the foot of a page, splits no at-risk item, and leaves no page but the last mostly empty', () => {
    const bodyItems = (page: number) =>
      items.filter((item) => item.page === page && item.y > BODY_BOTTOM && item.y < BODY_TOP);
    for (let page = 1; page <= pages.length; page++) {
      const onPage = bodyItems(page);
      const last = onPage.reduce((lowest, item) => (item.y < lowest.y ? item : lowest));
      // Level-1 headings are 16 points, level 2 12 points: none may be the last thing on a page.
      expect([16, 12], `page ${page} ends with "${last.text}"`).not.toContain(Math.round(last.size));
      const filled = (BODY_TOP - last.y) / (BODY_TOP - BODY_BOTTOM);
      if (page < pages.length)
        expect(filled, `page ${page} is ${Math.round(filled * 100)}% filled`).toBeGreaterThan(0.5);
    }
    const riskPages = pages.map((page) => ({
      titles: (page.match(/\b\d+\. \d+\.\d+\.\d+ · [A-Z]+ · /g) ?? []).length,
      ends: (page.match(/Point of contact: /g) ?? []).length,
    }));
    expect(riskPages.reduce((sum, page) => sum + page.titles, 0)).toBe(snapshot.atRisk.length);
    riskPages.forEach((page, index) => {
      expect(page.titles, `page ${index + 1}`).toBe(page.ends);
    });
  });

  it('leaves out the mission-area rows, charts and view for a plan without mission areas', async () => {
    const plain = populatedSnapshot({ catalog: planWithoutMissionAreas() });
    expect(plain.missionAreas).toEqual([]);
    const plainPages = await pdfPageTexts(await renderBriefPdf(buildReportModel(plain, context)));
    const all = plainPages.join(' ');
    for (const goal of plain.goals)
      expect(plainPages[0]).toContain(`Goal ${goal.id}: ${goal.title} ${goal.status}`);
    expect(plainPages[0]).not.toMatch(/mission area/i);
    expect(all).not.toContain('Status by mission area');
    expect(all).not.toContain('Mission-area view');
  });

  it('says in its first lines which version it replaces, when, and why', async () => {
    const replacing = await pdfPageTexts(
      await renderBriefPdf(
        buildReportModel(snapshot, {
          ...context,
          supersedes: REPLACES_VERSION_1,
        }),
      ),
    );
    expect(replacing[0]).toContain(
      'October 2026 at a glance This replaces version 1 of the October 2026 brief, issued on 3 November 2026. Since then: Air and Marine Operations (AMO) sent revision 2 (replacing revision 1); Office of Trade (OT) submitted its workbook (revision 1).',
    );
    expect(pages[0]).not.toContain('This replaces');
  });

  it('quotes the at-risk narrative, with unicode the font cannot draw shown as U+FFFD', () => {
    // A line may break after a hyphen: compare without whitespace.
    expect(text.replace(/\s/g, '')).toContain(NASTY_TEXT.long.replace(/\s/g, ''));
    expect(text).toContain('Zoë’s café — naïve façade; “quoted”; ��; �');
    expect(text).toContain('=HYPERLINK("http://attacker.example/x","click")');
  });

  it('numbers every page and carries the running header with the period, and no marking banner by default', () => {
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      if (index > 0) expect(page).toContain('Status brief · October 2026 (2026-10)');
      expect(page).not.toContain('CONTROLLED');
    });
  });

  it('prints the configured marking banner at the top and bottom of every page', async () => {
    const marked = await pdfPageTexts(
      await renderBriefPdf(
        buildReportModel(snapshot, { ...context, markingBanner: 'CONTROLLED UNCLASSIFIED INFORMATION' }),
      ),
    );
    for (const page of marked) expect(page.split('CONTROLLED UNCLASSIFIED INFORMATION')).toHaveLength(3);
  });

  it('sets title, subject, language and dates from the snapshot, as PDF/A-2a (PDF 1.7) with embedded fonts', async () => {
    const { info } = await pdfInfo(pdf);
    expect(info).toMatchObject({
      PDFFormatVersion: '1.7',
      Language: 'en-US',
      Title: 'U.S. Customs and Border Protection Strategy 2024–2028: Status Brief, October 2026',
      CreationDate: 'D:20261105120000Z',
      ModDate: 'D:20261105120000Z',
    });
    expect(String(info.Subject)).toContain('2026-10: 5 of 6 offices reported');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('draws the charts as vectors, with no raster image', () => {
    const raw = pdf.toString('latin1');
    expect(raw).not.toContain('/Subtype /Image');
  });

  it('renders the same snapshot to the same bytes', async () => {
    const again = await renderBriefPdf(buildReportModel(snapshot, context));
    expect(sha256Hex(again)).toBe(sha256Hex(pdf));
  });
});
