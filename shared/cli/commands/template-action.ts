import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { generateTemplate } from '../../use-cases/generate-template';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface TemplateOptions {
  readonly office: string;
  readonly period: string;
  readonly out?: string;
  readonly json?: boolean;
}

export async function templateAction(
  io: CliIo,
  options: TemplateOptions,
  globals: GlobalOptions,
): Promise<void> {
  const period = parsePeriod(options.period, { column: '--period' });
  const office = options.office.trim().toUpperCase();
  const result = await withLocalDependencies(globals, (dependencies) =>
    generateTemplate({ office, period }, dependencies),
  );
  const path = resolve(options.out ?? result.content.fileName);
  try {
    await writeFile(path, result.bytes);
  } catch (error) {
    throw new InvalidInputError({
      rule: 'template.writable',
      message: `cannot write the workbook: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      file: path,
    });
  }
  const { content } = result;
  const summary = {
    file: path,
    office: content.office.code,
    period: content.period,
    rows: content.rows.length,
    deadline: content.deadline,
    uploadPrefix: content.uploadPrefix,
    prefilledFrom: content.prefilledFrom ?? null,
    bytes: result.bytes.length,
  };
  if (options.json) {
    printJson(io, summary);
    return;
  }
  io.out(
    [
      `Wrote ${path}`,
      `  ${summary.rows} key activities for ${summary.office} ${summary.period}, due ${summary.deadline}`,
      content.prefilledFrom
        ? `  pre-filled with the accepted answers of ${content.prefilledFrom.period} (revision ${content.prefilledFrom.revision})`
        : '  not pre-filled: no accepted submission for the previous period',
      `Fill in the cells marked Input (see its Instructions sheet), then upload it under ${summary.uploadPrefix} or run: strategy-report submit ${path}`,
    ].join('\n'),
  );
}
