import type ExcelJS from 'exceljs';

/** Colours and fills shared by the template and the annotated copy, so both look like one product. */
export const COLOURS = {
  headerFill: 'FF1F3864',
  headerText: 'FFFFFFFF',
  catalogFill: 'FFEDEDED',
  inputFill: 'FFFFF2CC',
  errorFill: 'FFFFC7CE',
  errorText: 'FF9C0006',
  border: 'FFBFBFBF',
} as const;

export const solidFill = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});

export const thinBorder = (): Partial<ExcelJS.Borders> => {
  const side = { style: 'thin' as const, color: { argb: COLOURS.border } };
  return { top: side, left: side, bottom: side, right: side };
};

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/**
 * A row height that shows all of its wrapped text. Spreadsheet programs do not re-fit rows a file
 * gives no height for (LibreOffice keeps the default), so the height is estimated from the text
 * length and the column widths (a width unit is about one character).
 */
export function fittedRowHeight(texts: readonly (string | undefined)[], widths: readonly number[]): number {
  let lines = 1;
  texts.forEach((text, index) => {
    if (!text) return;
    const perLine = Math.max(1, Math.floor((widths[index] ?? 10) * 0.95));
    const needed = text
      .split('\n')
      .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  return Math.min(409, lines * LINE_HEIGHT + 3);
}
