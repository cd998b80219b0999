import type { CustomTableLayout, Style, StyleDictionary } from 'pdfmake/interfaces';

/**
 * How the PDF brief looks: its named styles (each block of the brief names one) and its table
 * rules. Styles are made fresh for every document, since pdfmake is given them to keep.
 */
export const DEFAULT_STYLE = (): Style => ({ font: 'Roboto', fontSize: 9, lineHeight: 1.15 });

export function briefStyles(): StyleDictionary {
  return {
    title: { fontSize: 24, bold: true, color: '#0B2545' },
    subtitle: { fontSize: 14, color: '#13315C' },
    coverFigure: { fontSize: 20, bold: true },
    coverLine: { fontSize: 13 },
    coverLabel: { fontSize: 10, bold: true, color: '#424242' },
    coverValue: { fontSize: 10 },
    h1: { fontSize: 16, bold: true, color: '#0B2545', margin: [0, 0, 0, 8] },
    h2: { fontSize: 12, bold: true, color: '#13315C', margin: [0, 10, 0, 4] },
    h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
    body: { fontSize: 9, margin: [0, 0, 0, 4] },
    bodySmall: { fontSize: 8, margin: [0, 0, 0, 3] },
    note: { fontSize: 8, italics: true, color: '#424242', margin: [0, 0, 0, 4] },
    muted: { fontSize: 8, color: '#424242', margin: [0, 0, 0, 2] },
    activity: { fontSize: 8.5, margin: [0, 6, 0, 2] },
    riskTitle: { fontSize: 9, margin: [0, 4, 0, 2] },
    table: { fontSize: 7.5, margin: [0, 2, 0, 8] },
    tableSmall: { fontSize: 6.5, margin: [0, 4, 0, 4] },
    th: { bold: true, fillColor: '#E7ECF2' },
    cellNumber: { alignment: 'right' },
    mono: { fontSize: 6 },
    running: { fontSize: 7.5, color: '#424242' },
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
