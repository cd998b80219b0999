import { readFile } from 'node:fs/promises';
import { ExcelSubmissionWorkbooks } from '../shared/adapters/excel/excel-submission-workbooks';
import { defaultCatalog } from '../shared/catalog/default-catalog';
import { parseProductConfig } from '../shared/config/product-config';
import type { Catalog } from '../shared/domain/catalog/catalog';
import type { InputProblem } from '../shared/domain/errors';
import { parsePeriod } from '../shared/domain/period';
import { validateSubmission } from '../shared/domain/submission/validate-submission';
import { workBudget } from '../shared/domain/submission/work-budget';
import { countingParsers } from './ingest-hostile-workbooks';
import { BENCH_OFFICE, BENCH_PERIOD, benchCatalog } from './ingest-workbook';

/**
 * Run in a child process by ingest-hostile.bench.ts: answers one uploaded workbook the way the
 * ingest does (checks and streaming read within the time budget, every rule, the marked-up copy
 * when one is made), `runs` times, then reports the median time, the answer, what exceljs was
 * asked to parse, and the process's peak resident memory. With `baseline` it only loads the
 * same modules.
 *
 * Usage: ingest-hostile-child.ts FILE (hostile|bench|baseline) RUNS
 */
const [file, mode, runsArgument] = process.argv.slice(2);
const limits = parseProductConfig({}).limits;
const runs = Number(runsArgument ?? 1);
// The hostile set is uploaded as OFO's October workbook; the 10,000-row ones as the bench office's.
const context: { catalog: Catalog; office: string; period: ReturnType<typeof parsePeriod> } =
  mode === 'bench'
    ? { catalog: benchCatalog(10_000), office: BENCH_OFFICE, period: BENCH_PERIOD }
    : { catalog: defaultCatalog(), office: 'OFO', period: parsePeriod('2026-10') };

interface Answer {
  readonly kind: string;
  readonly rules: readonly string[];
  readonly problems: number;
  readonly copyBytes: number;
  readonly noCopy?: string;
}

async function answer(bytes: Buffer, workbooks: ExcelSubmissionWorkbooks): Promise<Answer> {
  const budget = workBudget(limits.timeBudgetSeconds, Date.now);
  const reading = await workbooks.read(bytes, limits, 'upload.xlsx', budget);
  const rulesOf = (problems: readonly InputProblem[]) => [
    ...new Set(problems.map((problem) => problem.rule)),
  ];
  if (reading.kind !== 'read')
    return {
      kind: 'rejected',
      rules: rulesOf(reading.problems),
      problems: reading.problems.length,
      copyBytes: 0,
      noCopy: reading.noCopy,
    };
  const validated = validateSubmission(reading.workbook, {
    ...context,
    file: 'upload.xlsx',
    maxTextLength: limits.maxTextLength,
  });
  if (validated.problems.length === 0) return { kind: 'accepted', rules: [], problems: 0, copyBytes: 0 };
  const copy = await workbooks.annotate(bytes, validated.problems, limits, 'upload.xlsx', budget);
  return {
    kind: 'rejected',
    rules: rulesOf(
      copy.kind === 'no-copy' && copy.problem ? [...validated.problems, copy.problem] : validated.problems,
    ),
    problems: validated.problems.length,
    copyBytes: copy.kind === 'copy' ? copy.bytes.length : 0,
    ...(copy.kind === 'no-copy' ? { noCopy: copy.reason } : {}),
  };
}

const counting = countingParsers();
const times: number[] = [];
let last: Answer | undefined;
if (mode !== 'baseline' && file) {
  const bytes = await readFile(file);
  const workbooks = new ExcelSubmissionWorkbooks(counting.parsers);
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    last = await answer(bytes, workbooks);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
process.stdout.write(
  JSON.stringify({
    ms: median,
    answer: last,
    exceljs: {
      workbooksOpened: counting.use.workbooksOpened / Math.max(runs, 1),
      sheetsRead: counting.use.sheetsRead / Math.max(runs, 1),
    },
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
