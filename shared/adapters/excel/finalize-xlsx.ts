import JSZip from 'jszip';

/** Number format id 49 is Excel's built-in Text format ('@'), used only for formula-looking text. */
const TEXT_FORMAT_XF = /<xf numFmtId="49"(?![^>]*quotePrefix)([^>]*?)(\/?)>/g;

/**
 * Makes an exceljs workbook byte-identical across runs and marks formula-looking text inert.
 *
 * exceljs zips with JSZip, which stamps each entry with the current time; every entry is given
 * `date` instead (the report's generated date), so the same snapshot always zips to the same bytes.
 * exceljs cannot write the `quotePrefix` cell-style attribute, so it is added here to every cell
 * style that uses the Text format — which `setTextCell` gives only to text starting with = + - @,
 * tab or carriage return. Excel, LibreOffice and Google Sheets read such a cell as text, keep it
 * text when it is edited, and never evaluate it.
 */
export async function finalizeXlsx(workbook: Uint8Array, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const styles = zip.file('xl/styles.xml');
  if (styles) {
    const xml = await styles.async('string');
    zip.file('xl/styles.xml', xml.replace(TEXT_FORMAT_XF, '<xf numFmtId="49"$1 quotePrefix="1"$2>'));
  }
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}
