import { readFile } from 'node:fs/promises';
import { ExcelSubmissionWorkbooks } from '../shared/adapters/excel/excel-submission-workbooks';
import { parseProductConfig } from '../shared/config/product-config';
import { validateSubmission } from '../shared/domain/submission/validate-submission';
import { BENCH_OFFICE, BENCH_PERIOD, benchCatalog } from './ingest-workbook';

/**
 * Run in a child process by ingest.bench.ts: reads and validates one workbook (or, with
 * `baseline`, only loads the same modules), then reports the process's peak resident memory.
 */
const [file, mode] = process.argv.slice(2);
const limits = parseProductConfig({}).limits;
const catalog = benchCatalog(10_000);
let rows = 0;
if (mode !== 'baseline' && file) {
  const bytes = await readFile(file);
  const reading = await new ExcelSubmissionWorkbooks().read(bytes, limits, 'bench.xlsx');
  if (reading.kind !== 'read') throw new Error(JSON.stringify(reading.problems.slice(0, 3)));
  const validated = validateSubmission(reading.workbook, {
    catalog,
    office: BENCH_OFFICE,
    period: BENCH_PERIOD,
    file: 'bench.xlsx',
    maxTextLength: limits.maxTextLength,
  });
  if (validated.problems.length > 0) throw new Error(JSON.stringify(validated.problems.slice(0, 3)));
  rows = validated.rows.length;
}
process.stdout.write(JSON.stringify({ rows, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
