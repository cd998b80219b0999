import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import XLSX from 'xlsx';
import { ExcelSubmissionWorkbooks } from '../shared/adapters/excel/excel-submission-workbooks';
import { parseProductConfig } from '../shared/config/product-config';
import { validateSubmission } from '../shared/domain/submission/validate-submission';
import { BENCH_OFFICE, BENCH_PERIOD, benchCatalog, benchWorkbook } from './ingest-workbook';

/**
 * Ingest of a 10,000-row workbook: the safety checks, the streaming parse and the validation of
 * every row, timed against a plain SheetJS read of the same file in the same process (SheetJS is
 * a yardstick only: it never reads user input here). Peak memory is measured in a child process
 * that does nothing else.
 */
const ROWS = 10_000;
const RUNS = 5;
const TARGET_RATIO = 1.0;
const TARGET_PEAK_MB = 256;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export default async function ingestBench(): Promise<Record<string, unknown>> {
  const limits = parseProductConfig({}).limits;
  const catalog = benchCatalog(ROWS);
  const bytes = await benchWorkbook(catalog, limits.maxTextLength);
  const workbooks = new ExcelSubmissionWorkbooks();

  const ours = async () => {
    const reading = await workbooks.read(bytes, limits, 'bench.xlsx');
    if (reading.kind !== 'read') throw new Error(JSON.stringify(reading.problems.slice(0, 3)));
    const validated = validateSubmission(reading.workbook, {
      catalog,
      office: BENCH_OFFICE,
      period: BENCH_PERIOD,
      file: 'bench.xlsx',
      maxTextLength: limits.maxTextLength,
    });
    if (validated.problems.length > 0 || validated.rows.length !== ROWS)
      throw new Error(`expected ${ROWS} valid rows: ${JSON.stringify(validated.problems.slice(0, 3))}`);
  };
  const sheetjs = () => {
    const book = XLSX.read(bytes, { type: 'buffer' });
    const sheet = book.Sheets.Progress;
    if (!sheet) throw new Error('SheetJS found no Progress sheet');
    const rows = XLSX.utils.sheet_to_json(sheet);
    if (rows.length !== ROWS) throw new Error(`SheetJS read ${rows.length} rows`);
  };

  // Warm both up once (module loading, JIT), then alternate so neither gets a quieter machine.
  await ours();
  sheetjs();
  const oursMs: number[] = [];
  const sheetjsMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    oursMs.push(await time(ours));
    sheetjsMs.push(await time(sheetjs));
  }
  const parseValidateMs = median(oursMs);
  const sheetjsReadMs = median(sheetjsMs);
  const ratio = parseValidateMs / sheetjsReadMs;

  const directory = await mkdtemp(join(tmpdir(), 'strategy-report-bench-'));
  const file = join(directory, 'bench.xlsx');
  await writeFile(file, bytes);
  const child = (mode: string) => {
    const script = fileURLToPath(new URL('./ingest-parse-child.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, file, mode], {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as { rows: number; maxRssBytes: number };
  };
  const baseline = child('baseline');
  const measured = child('ingest');
  const mb = (bytesValue: number) => Math.round((bytesValue / (1024 * 1024)) * 10) / 10;
  const peakMb = mb(measured.maxRssBytes);

  const result = {
    rows: ROWS,
    workbookBytes: bytes.length,
    runs: RUNS,
    parseValidateMs: Math.round(parseValidateMs),
    sheetjsReadMs: Math.round(sheetjsReadMs),
    ratioToSheetjs: Math.round(ratio * 100) / 100,
    ratioTarget: TARGET_RATIO,
    ratioMet: ratio <= TARGET_RATIO,
    peakRssMb: peakMb,
    peakRssBaselineMb: mb(baseline.maxRssBytes),
    peakRssTargetMb: TARGET_PEAK_MB,
    peakRssMet: peakMb < TARGET_PEAK_MB,
    memoryMethod:
      'process.resourceUsage().maxRSS of a child process that reads and validates the file and nothing else (includes the Node.js, tsx and module baseline shown as peakRssBaselineMb)',
  };
  const lines = [
    `ingest of a ${ROWS}-row workbook (${mb(bytes.length)} MB), median of ${RUNS} runs`,
    `  parse + validate      ${result.parseValidateMs} ms`,
    `  SheetJS read          ${result.sheetjsReadMs} ms`,
    `  ratio                 ${result.ratioToSheetjs}   target <= ${TARGET_RATIO}   ${result.ratioMet ? 'met' : 'MISSED'}`,
    `  peak RSS (child)      ${peakMb} MB   target < ${TARGET_PEAK_MB} MB   ${result.peakRssMet ? 'met' : 'MISSED'}   (baseline without the file: ${result.peakRssBaselineMb} MB)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return { ingest: result };
}

// Run on its own: `npx tsx bench/ingest.bench.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ingest: result } = await ingestBench();
  const directory = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
}
