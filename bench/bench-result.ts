import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where every bench writes its figures (gitignored); bench/run-all.ts merges them into bench.json. */
export const RESULTS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'results');

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A figure with a target says whether it met it; the others are context. */
  readonly target?: { readonly comparison: '<=' | '<'; readonly value: number };
  readonly met?: boolean;
}

export interface BenchResult {
  readonly bench: string;
  readonly description: string;
  readonly figures: readonly BenchFigure[];
  readonly notes: readonly string[];
}

export function figure(
  name: string,
  value: number,
  unit: string,
  target?: { comparison: '<=' | '<'; value: number },
): BenchFigure {
  if (target === undefined) return { name, value, unit };
  const met = target.comparison === '<=' ? value <= target.value : value < target.value;
  return { name, value, unit, target, met };
}

/** Prints each figure beside its target (and whether it was met) and writes the JSON result. */
export function report(result: BenchResult): void {
  console.log(result.description);
  for (const entry of result.figures) {
    const value = `${entry.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${entry.unit}`.trim();
    const target = entry.target
      ? `target ${entry.target.comparison} ${entry.target.value} ${entry.unit}`.trim()
      : '';
    const verdict = entry.target ? (entry.met ? 'met' : 'MISSED') : '';
    console.log(
      `  ${entry.name.padEnd(44)} ${value.padStart(14)}   ${target.padEnd(22)} ${verdict}`.trimEnd(),
    );
  }
  for (const note of result.notes) console.log(`  note: ${note}`);
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(join(RESULTS_DIRECTORY, `${result.bench}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
