import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import XLSX from 'xlsx';
import { ExcelSubmissionWorkbooks } from '../shared/adapters/excel/excel-submission-workbooks';
import { parseProductConfig } from '../shared/config/product-config';
import { validateSubmission } from '../shared/domain/submission/validate-submission';
import { figure, report } from './bench-result';
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

async function ingestBench(): Promise<void> {
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

  report({
    bench: 'ingest',
    description: `Ingest of a ${ROWS.toLocaleString('en-US')}-row workbook (${mb(bytes.length)} MB): safety checks + streaming parse + every rule on every row, median of ${RUNS} runs`,
    figures: [
      figure('parse + validate (median)', Math.round(parseValidateMs), 'ms'),
      figure('plain SheetJS read of the same file (median)', Math.round(sheetjsReadMs), 'ms'),
      figure('parse + validate ÷ SheetJS read', Math.round(ratio * 100) / 100, '×', {
        comparison: '<=',
        value: TARGET_RATIO,
      }),
      figure('peak memory (max RSS of a child that only ingests)', peakMb, 'MB', {
        comparison: '<',
        value: TARGET_PEAK_MB,
      }),
      figure('same child without the file (context)', mb(baseline.maxRssBytes), 'MB'),
    ],
    notes: [
      `Node ${process.version}; SheetJS (xlsx 0.18.5) is a yardstick only and never reads user input`,
      'peak memory: process.resourceUsage().maxRSS of a child process that reads and validates the file and nothing else (Node, tsx and modules included)',
    ],
  });
}

await ingestBench();
