import JSZip from 'jszip';
import {
  exceljsStreamingParts,
  type StreamingPartParsers,
} from '../shared/adapters/excel/exceljs-streaming-parts';
import { seededRandom } from '../shared/demo/seeded-random';
import { columnLetter as letters } from '../shared/domain/submission/submitted-workbook';

/**
 * Hostile workbooks, written part by part so each one is exactly the shape it is named for and
 * passes the zip-level checks (sizes, ratios, entries): what is left to bound is the XML inside.
 * The bench measures them (bench/ingest-hostile.bench.ts) and the tests assert how each is
 * answered (test/integration/ingest-hostile.test.ts), at the same sizes.
 */

/** One worksheet of a generated workbook: its name and the XML between <worksheet> and </worksheet>. */
export interface GeneratedSheet {
  readonly name: string;
  readonly state?: 'hidden' | 'veryHidden';
  readonly body: string;
}

export interface GeneratedWorkbook {
  readonly sheets: readonly GeneratedSheet[];
  readonly sharedStrings?: readonly string[];
  /** The styles part, whole; a minimal one when absent. */
  readonly styles?: string;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const MINIMAL_STYLES = `${DECLARATION}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes the parts Excel needs, in the order Excel writes them (workbook first, sheets last). */
export async function generateWorkbook(workbook: GeneratedWorkbook): Promise<Buffer> {
  const zip = new JSZip();
  const sheetPaths = workbook.sheets.map((_, index) => `xl/worksheets/sheet${index + 1}.xml`);
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${TYPE}.styles+xml"/>`,
    ...(workbook.sharedStrings
      ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="${TYPE}.sharedStrings+xml"/>`]
      : []),
    ...sheetPaths.map((path) => `<Override PartName="/${path}" ContentType="${TYPE}.worksheet+xml"/>`),
  ];
  zip.file(
    '[Content_Types].xml',
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheets = workbook.sheets
    .map(
      (sheet, index) =>
        `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${index + 3}"/>`,
    )
    .join('');
  zip.file(
    'xl/workbook.xml',
    `${DECLARATION}<workbook xmlns="${NS}" xmlns:r="${RELS_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`,
  );
  const relationships = [
    `<Relationship Id="rId1" Type="${RELS_NS}/styles" Target="styles.xml"/>`,
    ...(workbook.sharedStrings
      ? [`<Relationship Id="rId2" Type="${RELS_NS}/sharedStrings" Target="sharedStrings.xml"/>`]
      : []),
    ...sheetPaths.map(
      (path, index) =>
        `<Relationship Id="rId${index + 3}" Type="${RELS_NS}/worksheet" Target="${path.slice(3)}"/>`,
    ),
  ];
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
  );
  zip.file('xl/styles.xml', workbook.styles ?? MINIMAL_STYLES);
  if (workbook.sharedStrings) {
    const items = workbook.sharedStrings.map((text) => `<si><t>${escapeXml(text)}</t></si>`).join('');
    const count = workbook.sharedStrings.length;
    zip.file(
      'xl/sharedStrings.xml',
      `${DECLARATION}<sst xmlns="${NS}" count="${count}" uniqueCount="${count}">${items}</sst>`,
    );
  }
  workbook.sheets.forEach((sheet, index) => {
    zip.file(
      sheetPaths[index] as string,
      `${DECLARATION}<worksheet xmlns="${NS}" xmlns:r="${RELS_NS}">${sheet.body}</worksheet>`,
    );
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Text that does not compress much, so the zip's ratio check lets it through as real data would. */
function noise(random: () => number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

interface RowsOptions {
  readonly rows: number;
  readonly columns?: number;
  /** Each row's first cell holds text of this length (inline, so no shared-strings table is needed). */
  readonly textLength?: number;
  readonly seed?: number;
}

/** <sheetData> with `rows` rows of `columns` cells: inline text first, then numbers. */
export function sheetData(options: RowsOptions): string {
  const random = seededRandom(options.seed ?? 1).next;
  const columns = options.columns ?? 2;
  const parts: string[] = ['<sheetData>'];
  for (let row = 1; row <= options.rows; row++) {
    let cells = `<c r="A${row}" t="inlineStr"><is><t>${noise(random, options.textLength ?? 12)}</t></is></c>`;
    for (let column = 2; column <= columns; column++)
      cells += `<c r="${letters(column)}${row}"><v>${Math.floor(random() * 1e6)}</v></c>`;
    parts.push(`<row r="${row}">${cells}</row>`);
  }
  parts.push('</sheetData>');
  return parts.join('');
}

/** <mergeCells> merging A:B of each of the first `count` rows (two-cell ranges, none overlapping). */
export function mergedCells(count: number): string {
  const parts: string[] = [`<mergeCells count="${count}">`];
  for (let row = 1; row <= count; row++) parts.push(`<mergeCell ref="A${row}:B${row}"/>`);
  parts.push('</mergeCells>');
  return parts.join('');
}

/** Metadata rows as a template has them, so the workbook is read as a strategy-report template. */
function metadataSheet(office: string, period: string): GeneratedSheet {
  const pairs = [
    ['format', 'strategy-report-progress'],
    ['templateVersion', '1'],
    ['catalogId', 'cbp-strategy-2024-2028'],
    ['catalogVersion', '1.0.0'],
    ['office', office],
    ['period', period],
  ];
  const rows = pairs
    .map(
      ([key, value], index) =>
        `<row r="${index + 1}"><c r="A${index + 1}" t="inlineStr"><is><t>${key}</t></is></c><c r="B${index + 1}" t="inlineStr"><is><t>${value}</t></is></c></row>`,
    )
    .join('');
  return { name: 'Metadata', state: 'veryHidden', body: `<sheetData>${rows}</sheetData>` };
}

/** A Progress sheet whose header is the template's, with `rows` rows of answers. */
function progressBody(rows: number, seed: number): string {
  const random = seededRandom(seed).next;
  const header = ['Activity ID', 'Goal', 'Objective', 'Key Activity', 'Status', 'Percent Complete'];
  const headerCells = header
    .map((text, index) => `<c r="${letters(index + 1)}1" t="inlineStr"><is><t>${text}</t></is></c>`)
    .join('');
  const parts = [`<sheetData><row r="1">${headerCells}</row>`];
  for (let row = 2; row <= rows + 1; row++)
    parts.push(
      `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>9.${row}.${Math.floor(random() * 100)}</t></is></c><c r="E${row}" t="inlineStr"><is><t>On Track</t></is></c><c r="F${row}"><v>${Math.floor(random() * 100)}</v></c></row>`,
    );
  parts.push('</sheetData>');
  return parts.join('');
}

export interface HostileCase {
  readonly name: string;
  readonly description: string;
  /** The rule the answer must name. */
  readonly rule: string;
  readonly bytes: () => Promise<Buffer>;
}

/** Excel's own ceiling on cell formats; a hostile file goes past it. */
const STYLE_COUNT = 70_000;

/**
 * The set the issue names, at the sizes it names. Office and period in the template-like ones
 * are OFO 2026-10, the upload prefix the tests use.
 */
export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'merged-50k-rows',
    description: 'the 287 s file: 50,000 merged ranges on a 50,000-row sheet, not a template (~0.8 MB)',
    rule: 'sheet.too-many-rows',
    bytes: () =>
      generateWorkbook({
        sheets: [
          {
            name: 'Sheet1',
            body: `${sheetData({ rows: 50_000, columns: 1, textLength: 4 })}${mergedCells(50_000)}`,
          },
        ],
      }),
  },
  {
    name: 'merged-template',
    description: 'a template-shaped workbook within the row limit holding 20,000 merged ranges',
    rule: 'workbook.too-many-merged-ranges',
    bytes: () =>
      generateWorkbook({
        sheets: [
          {
            name: 'Progress',
            body: `${progressBody(9_000, 2)}${mergedCells(20_000).replace(/A(\d+):B/g, 'B$1:C')}`,
          },
          metadataSheet('OFO', '2026-10'),
        ],
      }),
  },
  {
    name: 'shared-strings',
    description: 'a template-shaped workbook with a 1,000,000-entry shared-strings table (~9 MB zipped)',
    rule: 'workbook.too-many-shared-strings',
    bytes: () => {
      const random = seededRandom(3).next;
      return generateWorkbook({
        sheets: [{ name: 'Progress', body: progressBody(10, 4) }, metadataSheet('OFO', '2026-10')],
        sharedStrings: Array.from({ length: 1_000_000 }, () => noise(random, 10)),
      });
    },
  },
  {
    name: 'styles',
    description: `a template-shaped workbook with ${STYLE_COUNT.toLocaleString('en-US')} cell styles and as many fonts`,
    rule: 'workbook.too-many-styles',
    bytes: () => {
      const random = seededRandom(5).next;
      const fonts = Array.from(
        { length: STYLE_COUNT },
        () =>
          `<font><sz val="${8 + Math.floor(random() * 20)}"/><color rgb="FF${noise(random, 6)
            .replace(/[^0-9A-F]/gi, '0')
            .toUpperCase()}"/><name val="Calibri"/></font>`,
      ).join('');
      const xfs = Array.from(
        { length: STYLE_COUNT },
        (_, index) =>
          `<xf numFmtId="${Math.floor(random() * 50)}" fontId="${index}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
      ).join('');
      const styles = `${DECLARATION}<styleSheet xmlns="${NS}"><fonts count="${STYLE_COUNT}">${fonts}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${STYLE_COUNT}">${xfs}</cellXfs></styleSheet>`;
      return generateWorkbook({
        sheets: [{ name: 'Progress', body: progressBody(10, 6) }, metadataSheet('OFO', '2026-10')],
        styles,
      });
    },
  },
  {
    name: 'many-sheets',
    description: '20 sheets (the sheet limit) of 10,001 rows each (the row limit), not a template',
    rule: 'workbook.too-many-cells',
    bytes: () =>
      generateWorkbook({
        sheets: Array.from({ length: 20 }, (_, index) => ({
          name: `Sheet${index + 1}`,
          body: sheetData({ rows: 10_001, columns: 2, textLength: 6, seed: 10 + index }),
        })),
      }),
  },
  {
    name: 'deep-xml',
    description: 'a template-shaped workbook whose Progress sheet nests 200,000 elements inside one cell',
    rule: 'xml.too-deep',
    bytes: () => {
      const random = seededRandom(7).next;
      const names = Array.from(
        { length: 200_000 },
        () => `x${noise(random, 5).replace(/[^A-Za-z0-9]/g, 'q')}`,
      );
      const nested = `${names.map((name) => `<${name}>`).join('')}${names
        .reverse()
        .map((name) => `</${name}>`)
        .join('')}`;
      const body = progressBody(10, 8).replace('<row r="2">', `<row r="2"><c r="Z2">${nested}</c>`);
      return generateWorkbook({ sheets: [{ name: 'Progress', body }, metadataSheet('OFO', '2026-10')] });
    },
  },
];

/**
 * The most work a marked-up copy can take: a template-shaped workbook just inside every limit at
 * once (10,000 rows of 14 cells, 199,999 shared strings, 9,999 distinct cell formats with as many
 * fonts and fills, 999 merged ranges), each row with wrong answers: 30,000 problems to mark.
 */
export async function workbookAtEveryLimit(): Promise<Buffer> {
  const random = seededRandom(9).next;
  const hex = () =>
    Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, '0')
      .toUpperCase();
  const count = 9_999;
  const strings = Array.from({ length: 199_999 }, (_, index) => `s${index}-${hex()}`);
  const fonts = Array.from(
    { length: count },
    () =>
      `<font><sz val="${8 + Math.floor(random() * 20)}"/><color rgb="FF${hex()}"/><name val="Calibri"/></font>`,
  ).join('');
  const fills = Array.from(
    { length: count },
    () => `<fill><patternFill patternType="solid"><fgColor rgb="FF${hex()}"/></patternFill></fill>`,
  ).join('');
  const xfs = Array.from(
    { length: count },
    (_, index) =>
      `<xf numFmtId="${Math.floor(random() * 50)}" fontId="${index}" fillId="${index}" borderId="0" xfId="0" applyFont="1" applyFill="1"/>`,
  ).join('');
  const styles = `${DECLARATION}<styleSheet xmlns="${NS}"><fonts count="${count}">${fonts}</fonts><fills count="${count}">${fills}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${count}">${xfs}</cellXfs></styleSheet>`;
  const header = ['Activity ID', 'Goal', 'Objective', 'Key Activity', 'Status', 'Percent Complete'];
  const rows = [
    `<row r="1">${header.map((text, index) => `<c r="${letters(index + 1)}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`,
  ];
  let cell = 0;
  for (let row = 2; row <= 10_000; row++) {
    let cells = `<c r="A${row}" t="inlineStr"><is><t>9.${row}</t></is></c>`;
    for (let column = 2; column <= 14; column++) {
      cell += 1;
      cells += `<c r="${letters(column)}${row}" s="${cell % count}" t="s"><v>${cell % strings.length}</v></c>`;
    }
    rows.push(`<row r="${row}">${cells}</row>`);
  }
  const merges = mergedCells(999).replace(/A(\d+):B/g, 'O$1:P');
  return generateWorkbook({
    sheets: [
      { name: 'Progress', body: `<sheetData>${rows.join('')}</sheetData>${merges}` },
      metadataSheet('OFO', '2026-10'),
    ],
    sharedStrings: strings,
    styles,
  });
}

/** What exceljs was asked to parse: a hostile file refused by the structure scan reaches none of it. */
export interface ExceljsUse {
  /** Workbooks whose workbook, styles and shared-strings parts were handed to exceljs. */
  workbooksOpened: number;
  /** Worksheets exceljs streamed. */
  sheetsRead: number;
}

/** exceljs's streaming parsers with a count of every use, to pass to `ExcelSubmissionWorkbooks`. */
export function countingParsers(inner: StreamingPartParsers = exceljsStreamingParts): {
  readonly parsers: StreamingPartParsers;
  readonly use: ExceljsUse;
} {
  const use: ExceljsUse = { workbooksOpened: 0, sheetsRead: 0 };
  return {
    use,
    parsers: {
      async open(parts, onProgress) {
        use.workbooksOpened += 1;
        const reader = await inner.open(parts, onProgress);
        return {
          rows(sheet) {
            use.sheetsRead += 1;
            return reader.rows(sheet);
          },
        };
      },
    },
  };
}
