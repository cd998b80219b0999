import type ExcelJS from 'exceljs';
import { printableText } from '../../domain/report/report-text';

/** Column widths (in characters) a US Letter page holds upright at 0.5-inch margins. */
const PORTRAIT_WIDTH = 100;

/** Text for a header or footer section: its control character, &, doubled; at most 80 characters. */
const headerText = (text: string) =>
  printableText(text).replace(/\s+/g, ' ').slice(0, 80).replace(/&/g, '&&');

/**
 * Page setup so a sheet prints: one page wide (fitToPage, which Excel ignores unless
 * sheetPr/pageSetUpPr@fitToPage is set — exceljs writes it when pageSetup.fitToPage is true), as
 * many pages tall as needed, landscape when the sheet is wider than a portrait page, the header
 * row repeated on every page, and a header (`title`, the sheet's name) and footer (`footer`, the
 * page number) on every page, with the marking in the middle of both when there is one.
 */
export function preparePrinting(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  texts: { readonly title: string; readonly footer: string; readonly marking?: string | null | undefined },
): void {
  const width = sheet.columns.reduce((sum, column) => sum + (column.width ?? 9), 0);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    // US Letter (paper size 1 in the file format; exceljs's type lists only the others).
    paperSize: 1 as unknown as ExcelJS.PaperSize,
    orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const marking = texts.marking ? `&C&"-,Bold"${headerText(texts.marking)}` : '';
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${headerText(texts.title)}${marking}&R&A`,
    oddFooter: `&L${headerText(texts.footer)}${marking}&RPage &P of &N`,
  };
}
