import { beforeAll, describe, expect, it } from 'vitest';
import { renderBriefPdf } from '../../../../shared/adapters/pdf/brief-pdf';
import { buildReportModel, type RenderContext } from '../../../../shared/domain/report/report-model';
import { sha256Hex } from '../../../../shared/domain/sha256';
import { expectedFigures } from '../../../support/expected-report-figures';
import { NASTY_TEXT, populatedSnapshot } from '../../../support/populated-snapshot';
import { normalize, pdfInfo, pdfPageTexts } from '../../../support/report-text';

const context: RenderContext = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
};
const snapshot = populatedSnapshot();

describe('the PDF brief', () => {
  let pdf: Buffer;
  let pages: string[];
  let text: string;

  beforeAll(async () => {
    pdf = await renderBriefPdf(buildReportModel(snapshot, context));
    pages = await pdfPageTexts(pdf);
    text = pages.join(' ');
  });

  it('shows every figure of the snapshot: levels, offices N of M, status counts, trend, at-risk entries and rows', () => {
    const missing = expectedFigures(snapshot).filter((figure) => !text.includes(figure.text));
    expect(missing).toEqual([]);
  });

  it('has a cover with title, period, generated date, catalog version and offices reported', () => {
    expect(pages[0]).toContain('U.S. Customs and Border Protection Strategy 2024–2028: Status Brief');
    expect(pages[0]).toContain('Status brief for October 2026 (2026-10)');
    expect(pages[0]).toContain('Generated 5 November 2026');
    expect(pages[0]).toContain('Catalog cbp-strategy-2024-2028 version 1.0.0');
    expect(pages[0]).toContain('5 of 6 offices reported');
  });

  it('has every section, in order', () => {
    const headings = [
      'Executive summary',
      'Headline changes',
      'Top risks (5 of',
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
    ];
    // After the cover and the table of contents, each heading follows the one before.
    const body = pages.slice(2).join(' ');
    let position = 0;
    for (const heading of headings) {
      const found = body.indexOf(heading, position);
      expect(found, heading).toBeGreaterThanOrEqual(position);
      position = found + heading.length;
    }
    expect(pages[1]).toContain('Contents');
  });

  it('quotes the at-risk narrative, with unicode the font cannot draw shown as U+FFFD', () => {
    expect(text).toContain(normalize(NASTY_TEXT.long));
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
