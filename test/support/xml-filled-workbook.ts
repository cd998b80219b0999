import JSZip from 'jszip';

/** The values a person types into every Progress row. */
export interface TypedRow {
  readonly status: string;
  readonly percentComplete: number;
  readonly accomplishments?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Fills in a template as another spreadsheet program would, without exceljs (which writes the
 * templates): the Progress sheet's XML is edited in place with jszip — inline strings and plain
 * numbers in the empty input cells of every activity row — and the zip is written again.
 */
export async function fillWithAnotherProgram(
  template: Buffer,
  answer: (row: number) => TypedRow,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(template);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`the workbook has no ${path}`);
    return file.async('string');
  };
  const workbook = await read('xl/workbook.xml');
  const relationId = /<sheet [^>]*name="Progress"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
  const relations = await read('xl/_rels/workbook.xml.rels');
  const target =
    new RegExp(`<Relationship [^>]*Id="${relationId}"[^>]*Target="([^"]+)"`).exec(relations)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relationId}"`).exec(relations)?.[1];
  if (!target) throw new Error('no Progress sheet');
  const path = `xl/${target.replace(/^\/?xl\//, '')}`;
  const cell = (column: string, row: number, style: string, value: string | number) =>
    typeof value === 'number'
      ? `<c r="${column}${row}"${style}><v>${value}</v></c>`
      : `<c r="${column}${row}"${style} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  const sheet = (await read(path)).replace(
    /<c r="([EFL])(\d+)"( s="\d+")?\/>/g,
    (whole, column: string, rowText: string, style = '') => {
      const row = Number(rowText);
      if (row < 2) return whole;
      const typed = answer(row);
      if (column === 'E') return cell(column, row, style, typed.status);
      if (column === 'F') return cell(column, row, style, typed.percentComplete);
      return typed.accomplishments === undefined ? whole : cell(column, row, style, typed.accomplishments);
    },
  );
  zip.file(path, sheet);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
