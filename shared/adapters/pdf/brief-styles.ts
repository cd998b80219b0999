import type { CustomTableLayout, Style, StyleDictionary } from 'pdfmake/interfaces';

/**
 * How the PDF brief looks: its named styles (each block of the brief names one) and its table
 * rules. Styles are made fresh for every document, since pdfmake is given them to keep.
 */
export const DEFAULT_STYLE = (): Style => ({ font: 'Roboto', fontSize: 9, lineHeight: 1.15 });

/** The smallest text anywhere in the brief (tables, charts, running header and footer): 8 points. */
export const SMALLEST_FONT_SIZE = 8;

export function briefStyles(): StyleDictionary {
  return {
    // Page 1: the dashboard.
    planTitle: { fontSize: 11, color: '#13315C', margin: [0, 0, 0, 2] },
    notice: { fontSize: 10, bold: true, color: '#7A2E00', margin: [0, 2, 0, 6] },
    tile: { fontSize: 9, margin: [0, 2, 0, 4] },
    tileFigure: { fontSize: 16, bold: true },
    tileNote: { fontSize: 9, color: '#424242' },
    dashTable: { fontSize: 8.5, margin: [0, 2, 0, 6] },
    // Detail pages.
    h1: { fontSize: 16, bold: true, color: '#0B2545', margin: [0, 14, 0, 8] },
    h2: { fontSize: 12, bold: true, color: '#13315C', margin: [0, 10, 0, 4] },
    h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
    body: { fontSize: 9, margin: [0, 0, 0, 4] },
    bodySmall: { fontSize: 9, margin: [0, 0, 0, 3] },
    note: { fontSize: 9, italics: true, color: '#424242', margin: [0, 0, 0, 4] },
    muted: { fontSize: 9, color: '#424242', margin: [0, 0, 0, 2] },
    activity: { fontSize: 9, margin: [0, 6, 0, 2] },
    riskTitle: { fontSize: 10, margin: [0, 4, 0, 2] },
    table: { fontSize: SMALLEST_FONT_SIZE, margin: [0, 2, 0, 8] },
    tableSmall: { fontSize: SMALLEST_FONT_SIZE, margin: [0, 4, 0, 4] },
    th: { bold: true, fillColor: '#E7ECF2' },
    cellNumber: { alignment: 'right' },
    mono: { fontSize: SMALLEST_FONT_SIZE },
    running: { fontSize: SMALLEST_FONT_SIZE, color: '#424242' },
    banner: { fontSize: 9, bold: true, alignment: 'center' },
  };
}

/** Thin rules between rows, a stronger one under the header, narrow cell padding. */
export const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (index, node) => (index === 0 || index === node.table.body.length ? 0 : index === 1 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (index) => (index === 1 ? '#5F6B7A' : '#BDBDBD'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};
