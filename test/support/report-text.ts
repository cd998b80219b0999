import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Runs of whitespace become one space: how text reads once lines and cells are joined. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A PDF opened with pdf.js as the tests read it: no code evaluated, no system fonts, no warnings. */
export function openPdf(bytes: Uint8Array) {
  return getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

/** The text of each page of a PDF, in drawing order, items joined by spaces (pdf.js, no rendering). */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const document = await openPdf(bytes);
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(normalize(content.items.map((item) => ('str' in item ? item.str : '')).join(' ')));
  }
  await document.destroy();
  return pages;
}

/** A run of text as pdf.js reads it from a page's content stream, with where and how large it is drawn. */
export interface PdfTextItem {
  readonly page: number;
  readonly text: string;
  /** The drawn height of the text in points: the font size times every scale in force (a chart's included). */
  readonly size: number;
  /** Distance from the bottom of the page, in points. */
  readonly y: number;
}

/** Every non-blank text item of every page (pdf.js, no rendering). */
export async function pdfTextItems(bytes: Uint8Array): Promise<PdfTextItem[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const items: PdfTextItem[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , c, d, , f] = item.transform as number[];
      items.push({ page: number, text: item.str, size: Math.hypot(c ?? 0, d ?? 0), y: f ?? 0 });
    }
  }
  await document.destroy();
  return items;
}

/** The PDF's bookmarks: each title with its children. */
export interface PdfOutlineItem {
  readonly title: string;
  readonly items: readonly PdfOutlineItem[];
}

export async function pdfOutline(bytes: Uint8Array): Promise<PdfOutlineItem[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const shape = (items: readonly { title: string; items: unknown[] }[] | null): PdfOutlineItem[] =>
    (items ?? []).map((item) => ({
      title: item.title,
      items: shape(item.items as { title: string; items: unknown[] }[]),
    }));
  const outline = shape(await document.getOutline());
  await document.destroy();
  return outline;
}

export async function pdfInfo(bytes: Uint8Array): Promise<{ info: Record<string, unknown>; pages: number }> {
  const document = await openPdf(bytes);
  const metadata = await document.getMetadata();
  const pages = document.numPages;
  await document.destroy();
  return { info: metadata.info as Record<string, unknown>, pages };
}

/** The visible text of an HTML page: no style, tags become spaces, the five escapes decoded. */
export function htmlText(html: string): string {
  return normalize(
    html
      .replace(/<style>[\s\S]*?<\/style>/g, ' ')
      .replace(/<title[^>]*>[\s\S]*?<\/title>/g, ' ')
      .replace(/<desc[^>]*>[\s\S]*?<\/desc>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}
