/**
 * A chart as the reports draw it: vector SVG (pdfmake draws it into the PDF, the HTML inlines it)
 * plus everything a reader who cannot see it needs: a title, a one-paragraph description and the
 * data as a table (the HTML's text alternative; the PDF prints the same figures beside it).
 */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly table: {
    readonly caption: string;
    readonly columns: readonly string[];
    /** The first cell of each row is its header. */
    readonly rows: readonly (readonly string[])[];
  };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Fixed two decimals: coordinates print the same on every machine. */
export const coordinate = (value: number) => value.toFixed(2);

/**
 * Shortens a label to roughly fit `width` points at `fontSize` (no font metrics in pure code: an
 * average glyph is taken as 0.52 em, generous for the sans-serif the reports use).
 */
export function fitLabel(label: string, width: number, fontSize: number): string {
  const capacity = Math.max(4, Math.floor(width / (fontSize * 0.52)));
  return label.length <= capacity ? label : `${label.slice(0, capacity - 1).trimEnd()}…`;
}
